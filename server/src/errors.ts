import { errorMessages, type ErrorCode } from '@turnout/shared';

/**
 * A refusal with a stable code. Services throw it; the transport (tRPC) turns
 * it into the right HTTP status with `data.code` and the human message.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = errorMessages[code],
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export function fail(code: ErrorCode, message?: string): never {
  throw new AppFailure(code, message);
}
