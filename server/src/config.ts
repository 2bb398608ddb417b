import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], {
    message: 'must be one of true, false, 1, 0, yes, no',
  })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .max(2000, 'must be at most 2000 characters')
    .regex(
      /^postgres(ql)?:\/\/\S+$/,
      'must be a PostgreSQL URL such as postgres://turnout@db/turnout',
    )
    .optional(),
  PUBLIC_URL: z
    .url({ message: 'must be a full URL such as https://club.example.org' })
    .optional()
    .transform((u) => u?.replace(/\/+$/, '')),
  TURNOUT_SETUP_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIR: z.string().min(1).optional(),
  TRUST_PROXY: booleanish.default(false),
  BACKUP_HOUR: z
    .string()
    .trim()
    .toLowerCase()
    .default('3')
    .refine(
      (v) => v === 'off' || (/^\d{1,2}$/.test(v) && Number(v) <= 23),
      'must be an hour from 0 to 23, or off',
    )
    .transform((v) => (v === 'off' ? null : Number(v))),
  BACKUP_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be between 1 and 3650')
    .max(3650, 'must be between 1 and 3650')
    .default(14),
  MAX_IN_FLIGHT: z.coerce
    .number({ message: 'must be a number of requests' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(100_000, 'must be at most 100000')
    .default(256),
  MAX_QUEUE_WAIT_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(50, 'must be between 50 and 60000')
    .max(60_000, 'must be between 50 and 60000')
    .default(1000),
  PULL_WORKERS: z.coerce
    .number({ message: 'must be a number of worker threads' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 16')
    .max(16, 'must be between 0 and 16')
    .optional(),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      message: 'must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.org:587',
    })
    .max(2000, 'must be at most 2000 characters')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .max(320, 'must be at most 320 characters')
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address such as Turnout <club@example.org>')
    .optional(),
  MAIL_LEASE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(10, 'must be between 10 and 3600')
    .max(3600, 'must be between 10 and 3600')
    .default(300),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the directory holding turnout.db and backups. */
  dataDir: string;
  /** PostgreSQL's URL (DATABASE_URL); undefined: the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /** The address people use, e.g. https://club.example.org; links and Secure cookies follow it. */
  publicUrl: string | undefined;
  setupToken: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Absolute path of the built web app (web/build). */
  webDir: string;
  /** Behind a reverse proxy: believe X-Forwarded-For / X-Forwarded-Proto. */
  trustProxy: boolean;
  /** scrypt cost parameter N (power of two); lowered only by tests. */
  passwordCost: number;
  /** Hour (0–23, server time) of the daily backup; null = no automatic backups. */
  backupHour: number | null;
  /** Daily backups older than this many days are deleted. */
  backupRetentionDays: number;
  /** API calls handled at once before more are answered 503 busy (docs/decisions.md, "Overload"). */
  maxInFlight: number;
  /** When the oldest API call in flight has waited this long, new ones are answered 503 busy. */
  maxQueueWaitMs: number;
  /** Threads that build pull pages beside the main thread (0: pulls run on the main thread). */
  pullWorkers: number;
  /** Where mail is handed over (smtp:// or smtps://); undefined: mail is not configured. */
  smtpUrl: string | undefined;
  /** The sender of every mail, e.g. `Turnout <club@example.org>`. */
  mailFrom: string | undefined;
  /**
   * How long a sender holds a mail it is sending; the SMTP timeouts are a
   * third of it. After a crash mid-send the mail goes out again once it ends.
   */
  mailLeaseSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment once at start. Relative paths are taken
 * from where the command was run (pnpm sets INIT_CWD), not from the package.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new ConfigError([
      'MAIL_FROM: must be set when SMTP_URL is, e.g. Turnout <club@example.org>',
    ]);
  }
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(base, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL,
    setupToken: e.TURNOUT_SETUP_TOKEN,
    logLevel: e.LOG_LEVEL,
    webDir: e.WEB_DIR ? path.resolve(base, e.WEB_DIR) : path.resolve(serverRoot, '../web/build'),
    trustProxy: e.TRUST_PROXY,
    passwordCost: 2 ** 15,
    backupHour: e.BACKUP_HOUR,
    backupRetentionDays: e.BACKUP_RETENTION_DAYS,
    maxInFlight: e.MAX_IN_FLIGHT,
    maxQueueWaitMs: e.MAX_QUEUE_WAIT_MS,
    // One core for the main thread (pushes, HTTP), the rest for pulls, up to four.
    pullWorkers: e.PULL_WORKERS ?? Math.min(4, Math.max(1, os.availableParallelism() - 1)),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.SMTP_URL ? e.MAIL_FROM : undefined,
    mailLeaseSeconds: e.MAIL_LEASE_SECONDS,
  };
}
