import { errorMessages, type ErrorCode, type FieldIssue } from '@turnout/shared';

/**
 * A refusal with a stable code. Services throw it; the transport (tRPC) turns
 * it into the right HTTP status with `data.code` and the human message.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = errorMessages[code],
    /** For `rate_limited` and `busy`: when the caller may try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export function fail(code: ErrorCode, message?: string, retryAfterSeconds?: number): never {
  throw new AppFailure(code, message, retryAfterSeconds);
}

export interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
  code?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  format?: unknown;
}

/** An issue as sent: the path and message, and the code and limits a device words it from. */
export function fieldIssue(i: ZodLikeIssue): FieldIssue {
  const issue: FieldIssue = { path: i.path.map(String).join('.'), message: i.message };
  if (typeof i.code === 'string') issue.code = i.code;
  const limit = (v: unknown) =>
    typeof v === 'number' || typeof v === 'bigint' ? Number(v) : undefined;
  const minimum = limit(i.minimum);
  const maximum = limit(i.maximum);
  if (minimum !== undefined) issue.minimum = minimum;
  if (maximum !== undefined) issue.maximum = maximum;
  if (typeof i.format === 'string') issue.format = i.format;
  return issue;
}
