import type { RateLimitOptions } from '../auth/rate-limit.js';
import type { Config } from '../config.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * A test server that sends mail (SMTP_URL, MAIL_FROM, PUBLIC_URL set) with
 * limits generous enough that only a test about limits meets them.
 */
export function startMailingServer(
  options: {
    smtpUrl?: string;
    config?: Partial<Config>;
    rateLimits?: Partial<RateLimitOptions>;
  } = {},
): Promise<TestServer> {
  return startTestServer({
    config: {
      // Nothing listens here unless a test starts an SMTP peer: mail stays queued.
      smtpUrl: options.smtpUrl ?? 'smtp://127.0.0.1:9',
      mailFrom: 'Turnout <club@example.org>',
      publicUrl: 'https://turnout.example.org',
      ...options.config,
    },
    rateLimits: {
      loginPerAccount: 1000,
      loginPerAddress: 1000,
      secretsPerAddress: 1000,
      pushesPerDevice: 100_000,
      pushesPerAccount: 100_000,
      pullsPerAccount: 100_000,
      resetRequestsPerEmail: 1000,
      resetRequestsPerAddress: 1000,
      ...options.rateLimits,
    },
  });
}

export interface QueuedMail {
  to: string;
  locale: string;
  kind: string;
  data: Record<string, string | number | null>;
}

/** Mails queued so far, oldest first. */
export async function queuedMails(server: TestServer, kind?: string): Promise<QueuedMail[]> {
  let query = server.deps.db
    .selectFrom('mail_queue')
    .select(['to', 'locale', 'kind', 'data'])
    .orderBy('created_at')
    .orderBy('id');
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as QueuedMail['data'] }));
}

/** The token at the end of a mailed link (`…/reset/<token>`). */
export function tokenOfLink(link: unknown): string {
  const token = String(link).split('/').at(-1);
  if (!token) throw new Error(`no token in ${String(link)}`);
  return token;
}
