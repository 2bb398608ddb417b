import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** A mail as it arrived at the peer, parsed. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header values by lower-case name, as mailparser reads them. */
  headers: ParsedMail['headers'];
  /** The message as received (headers and body). */
  raw: string;
}

export interface SmtpPeer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  /** Every mail accepted (answered 250), in order. */
  messages: ReceivedMail[];
  /** Logins the senders made (any is accepted). */
  logins: { user: string; password: string }[];
  /** Connection errors seen (e.g. a reset by a client killed mid-send). */
  errors: Error[];
  /** Messages whose DATA began (accepted or not, stalled included). */
  dataStarted: number;
  /** Resolves once `count` mails were accepted; rejects after `timeoutMs` with what came. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves once `count` DATA commands began (e.g. the one that stalls). */
  waitForData(count: number, timeoutMs?: number): Promise<void>;
  /**
   * While on, the peer reads a message's data but never answers it: the
   * sender waits for a 250 that does not come (a server stuck mid-send).
   */
  stallData(on: boolean): void;
  /** Answer RCPT TO with this SMTP reply (e.g. 451 to defer, 550 to refuse); undefined to accept. */
  refuseRecipients(reply: { code: number; message: string } | undefined): void;
  /** Stops listening and drops open connections. */
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback for tests (smtp-server), keeping what it
 * receives parsed with mailparser. Port 0 picks a free port; pass the port
 * of a stopped peer to bring "the mail server" back where it was.
 */
export async function startSmtpPeer(options: { port?: number } = {}): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const logins: { user: string; password: string }[] = [];
  let dataStarted = 0;
  let stalling = false;
  let refusal: { code: number; message: string } | undefined;
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const w of waiters) w();
  };

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    // Plain SMTP on loopback: no certificate to trust.
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username ?? 'anyone' });
    },
    onRcptTo(_address, _session, callback) {
      if (!refusal) {
        callback();
        return;
      }
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      dataStarted++;
      changed();
      const stall = stalling;
      const chunks: Buffer[] = [];
      // A client killed mid-DATA resets the connection: that is a test's business, not an error.
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stall) return; // never answered: the sender is left waiting
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers: parsed.headers,
              raw: raw.toString('utf8'),
            });
            callback();
            changed();
          })
          .catch((err: unknown) => callback(err as Error));
      });
    },
  });
  // Connection errors (a reset by a killed client) are kept, not thrown.
  const errors: Error[] = [];
  server.on('error', (err: Error) => errors.push(err));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  const waitUntil = (done: () => boolean, timeoutMs: number, what: () => string) =>
    new Promise<void>((resolve, reject) => {
      if (done()) {
        resolve();
        return;
      }
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(what()));
      }, timeoutMs);
      waiters.add(check);
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    logins,
    errors,
    get dataStarted() {
      return dataStarted;
    },
    async waitForMessages(count, timeoutMs = 20_000) {
      await waitUntil(
        () => messages.length >= count,
        timeoutMs,
        () =>
          `expected ${count} mails at the SMTP peer, got ${messages.length}: ${messages.map((m) => m.subject).join(' | ')}`,
      );
      return messages;
    },
    async waitForData(count, timeoutMs = 20_000) {
      await waitUntil(
        () => dataStarted >= count,
        timeoutMs,
        () => `expected ${count} DATA commands at the SMTP peer, got ${dataStarted}`,
      );
    },
    stallData(on) {
      stalling = on;
    },
    refuseRecipients(reply) {
      refusal = reply;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
