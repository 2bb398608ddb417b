import { errorMessages, type ErrorCode } from '@turnout/shared';

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
