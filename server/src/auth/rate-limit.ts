import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { fail } from '../errors.js';

/**
 * Limits guessing: logins per address+email and per address, and the
 * endpoints that take a secret (setup token, invitation code) per address.
 */
export interface RateLimitOptions {
  /** Failed logins per minute for one email from one address. */
  loginPerAccount: number;
  /** Logins per minute from one address. */
  loginPerAddress: number;
  /** Setup/invitation attempts per minute from one address. */
  secretsPerAddress: number;
}

export const defaultRateLimits: RateLimitOptions = {
  loginPerAccount: 5,
  loginPerAddress: 30,
  secretsPerAddress: 20,
};

export class RateLimits {
  readonly #loginPerAccount: RateLimiterMemory;
  readonly #loginPerAddress: RateLimiterMemory;
  readonly #secretsPerAddress: RateLimiterMemory;

  constructor(options: RateLimitOptions = defaultRateLimits) {
    this.#loginPerAccount = new RateLimiterMemory({
      points: options.loginPerAccount,
      duration: 60,
    });
    this.#loginPerAddress = new RateLimiterMemory({
      points: options.loginPerAddress,
      duration: 60,
    });
    this.#secretsPerAddress = new RateLimiterMemory({
      points: options.secretsPerAddress,
      duration: 60,
    });
  }

  async login(ip: string, email: string): Promise<void> {
    await guard(this.#loginPerAddress.consume(ip));
    await guard(this.#loginPerAccount.consume(`${ip}|${email}`));
  }

  /** A successful login clears the per-account counter. */
  async loginSucceeded(ip: string, email: string): Promise<void> {
    await this.#loginPerAccount.delete(`${ip}|${email}`);
  }

  async secret(ip: string): Promise<void> {
    await guard(this.#secretsPerAddress.consume(ip));
  }
}

async function guard(attempt: Promise<RateLimiterRes>): Promise<void> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      fail('rate_limited', `Too many attempts. Please wait ${seconds} seconds and try again.`);
    }
    throw error;
  }
}
