import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; readable lines when a person is watching a terminal. */
export function createLogger(level: string): Logger {
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json';
  return pino({
    level,
    base: undefined,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  });
}
