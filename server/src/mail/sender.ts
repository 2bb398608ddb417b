import { randomBytes } from 'node:crypto';
import {
  mailKinds,
  notificationKinds,
  type MailKind,
  type NotificationKind,
} from '@turnout/shared';
import { createTransport } from 'nodemailer';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { MailRow } from '../db/tables/mail.table.js';
import type { Logger } from '../logger.js';
import { choicesOf } from '../notify/preferences.js';
import { claimDueMail, finishMail, type MailOutcome } from '../repositories/mail.repository.js';
import { renderMessage, type MailData } from './messages/render.js';
import { mailQueued } from './queue.js';
import { unsubscribeLink, unsubscribeSecret, unsubscribeToken } from './unsubscribe.js';

export interface MailSenderDeps {
  db: Db;
  config: Pick<Config, 'smtpUrl' | 'mailFrom'>;
  logger: Logger;
  clock: () => Date;
  /** Where people reach the server: unsubscribe links and Message-IDs start here. */
  baseUrl: string;
}

export interface MailSenderOptions {
  /** How often an idle sender looks for due mail (mail queued in this process wakes it sooner). */
  pollMs?: number;
  /**
   * How long a claim holds. It outlasts the SMTP timeouts (a third of it
   * each), so a live sender has given up on a row before anyone may take it.
   */
  leaseMs?: number;
  /** Rows one pass claims. */
  batch?: number;
  /** Tries before a mail is given up (kept, with its last error, for the owner's logs). */
  maxAttempts?: number;
  /** The wait after the first failed try; doubled after each next one, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** On stop, how long a send in progress may still take before it is cut off. */
  stopGraceMs?: number;
}

const defaults: Required<MailSenderOptions> = {
  pollMs: 5_000,
  leaseMs: 5 * 60_000,
  batch: 10,
  maxAttempts: 10,
  backoffMs: 60_000,
  maxBackoffMs: 6 * 3_600_000,
  stopGraceMs: 5_000,
};

export interface MailSender {
  /** This process's name on the rows it claims. */
  readonly id: string;
  /** Claims and sends what is due until nothing is; resolves to the number sent. */
  runOnce(): Promise<number>;
  /** Looks for due mail every `pollMs`, and soon after this process queues some. */
  start(): void;
  /** Stops looking for mail; a send in progress finishes (or times out) first. */
  stop(): Promise<void>;
}

const isNotification = (kind: string): kind is NotificationKind =>
  (notificationKinds as readonly string[]).includes(kind);
const isMailKind = (kind: string): kind is MailKind =>
  (mailKinds as readonly string[]).includes(kind);

/** The wait before try number `attempts + 1`, after `attempts` failed ones. */
export function backoffAfter(
  attempts: number,
  o: Pick<MailSenderOptions, 'backoffMs' | 'maxBackoffMs'> = {},
): number {
  const base = o.backoffMs ?? defaults.backoffMs;
  const cap = o.maxBackoffMs ?? defaults.maxBackoffMs;
  return Math.min(cap, base * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

/**
 * A failure the same mail will meet again however often it is tried: the
 * server refused the recipient or the message itself (5xx). Anything else
 * (no connection, a timeout, a 4xx, a refused login) may pass later.
 */
function isPermanent(err: unknown): boolean {
  const e = err as { responseCode?: number; command?: string };
  return (
    typeof e.responseCode === 'number' &&
    e.responseCode >= 500 &&
    (e.command === 'RCPT TO' || e.command === 'DATA')
  );
}

/**
 * The sender: claims due rows of the mail queue under a lease, renders and
 * sends each, and marks it sent (docs/decisions.md, "Mail"). Several app
 * servers may run one each on the same database.
 */
export function createMailSender(
  deps: MailSenderDeps,
  options: MailSenderOptions = {},
): MailSender {
  const o = { ...defaults, ...options };
  const { smtpUrl, mailFrom } = deps.config;
  if (!smtpUrl || !mailFrom) throw new Error('mail is not configured (SMTP_URL, MAIL_FROM)');
  const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const timeout = Math.max(1_000, Math.floor(o.leaseMs / 3));
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
  const aborter = new AbortController();
  const messageHost = new URL(deps.baseUrl).hostname || 'turnout.invalid';

  function claim(): Promise<MailRow[]> {
    const now = deps.clock();
    const until = new Date(now.getTime() + o.leaseMs).toISOString();
    return claimDueMail(deps.db, id, now.toISOString(), until, o.batch);
  }

  /** Still wanted? Someone may have turned this kind off since it was queued. */
  async function stillWanted(row: MailRow): Promise<boolean> {
    if (!row.user_id || !isNotification(row.kind)) return true;
    return (await choicesOf(deps.db, row.user_id))[row.kind].email;
  }

  async function send(row: MailRow): Promise<void> {
    if (!isMailKind(row.kind)) throw new Error(`unknown mail kind ${row.kind}`);
    const data = JSON.parse(row.data) as MailData;
    let unsubscribe: string | undefined;
    if (row.user_id && isNotification(row.kind)) {
      const secret = await unsubscribeSecret(deps.db);
      unsubscribe = unsubscribeLink(deps.baseUrl, unsubscribeToken(secret, row.user_id, row.kind));
    }
    const message = renderMessage(row.kind, row.locale, data, unsubscribe ? { unsubscribe } : {});
    await transport.sendMail({
      signal: aborter.signal,
      from: mailFrom,
      to: row.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // The same id on every try of this row: a receiver that got it twice
      // (a crash after the server's 250, before it was marked sent) can tell.
      messageId: `<${row.id}@${messageHost}>`,
      headers: {
        'Auto-Submitted': 'auto-generated',
        'Content-Language': message.language,
        ...(unsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
      },
      ...(unsubscribe
        ? { list: { unsubscribe: { url: unsubscribe, comment: 'Unsubscribe' } } }
        : {}),
    });
  }

  // Only while still ours: a sender whose lease ran out leaves the row to its new holder.
  const finish = (row: MailRow, outcome: MailOutcome) => finishMail(deps.db, row.id, id, outcome);

  async function handle(row: MailRow): Promise<boolean> {
    const now = () => deps.clock().toISOString();
    if (stopped) {
      // Claimed in the pass that was running at stop: left due for the next start.
      await finish(row, { next_attempt_at: now() });
      return false;
    }
    try {
      if (!(await stillWanted(row))) {
        await finish(row, {
          failed_at: now(),
          last_error: 'turned off by the person before it was sent',
        });
        return false;
      }
      await send(row);
    } catch (err) {
      const permanent = isPermanent(err);
      const giveUp = permanent || row.attempts >= o.maxAttempts;
      const error = err instanceof Error ? err.message.slice(0, 1000) : String(err).slice(0, 1000);
      if (giveUp) {
        await finish(row, { failed_at: now(), last_error: error });
        deps.logger.error(
          { mailId: row.id, kind: row.kind, attempts: row.attempts, err },
          permanent
            ? 'a mail was refused by the mail server'
            : 'a mail was given up after its last try',
        );
      } else {
        const next = new Date(deps.clock().getTime() + backoffAfter(row.attempts, o));
        await finish(row, { last_error: error, next_attempt_at: next.toISOString() });
        deps.logger.warn(
          {
            mailId: row.id,
            kind: row.kind,
            attempts: row.attempts,
            retryAt: next.toISOString(),
            err,
          },
          'a mail could not be sent; it stays queued',
        );
      }
      return false;
    }
    await finish(row, { sent_at: now(), last_error: null });
    return true;
  }

  async function runOnce(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await claim();
      for (const row of rows) if (await handle(row)) sent++;
      if (rows.length < o.batch || stopped) return sent;
    }
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let again = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    // One pass at a time per process; a wake during a pass runs another right after.
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    running = runOnce()
      .catch((err: unknown) => deps.logger.error({ err }, 'the mail sender failed a pass'))
      .finally(() => {
        busy = false;
        schedule(again ? 0 : o.pollMs);
        again = false;
      });
  };
  // Mail queued by this process goes out soon after its transaction commits,
  // not at the next poll (other processes' mail waits for the poll).
  const wake = () => schedule(100);

  return {
    id,
    runOnce,
    start() {
      mailQueued.on('queued', wake);
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      mailQueued.off('queued', wake);
      // A mail server that stalls must not hold up a shutdown: after the grace
      // the send is cut off and the mail tried again later (it may still have
      // arrived — the same at-least-once edge as a crash).
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise<void>((resolve) => {
          grace = setTimeout(resolve, o.stopGraceMs);
        }),
      ]);
      clearTimeout(grace);
      aborter.abort();
      await running;
      transport.close();
    },
  };
}

/** A sender for this process, looking for due mail until stopped. */
export function startMailSender(deps: MailSenderDeps, options: MailSenderOptions = {}): MailSender {
  const sender = createMailSender(deps, options);
  sender.start();
  return sender;
}
