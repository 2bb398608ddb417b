import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { fail } from '../errors.js';

/**
 * Limits guessing: logins per address+email and per address, and the
 * endpoints that take a secret (setup token, invitation code) per address.
 */
export class RateLimits {
  readonly #loginPerAccount = new RateLimiterMemory({ points: 5, duration: 60 });
  readonly #loginPerAddress = new RateLimiterMemory({ points: 30, duration: 60 });
  readonly #secretsPerAddress = new RateLimiterMemory({ points: 20, duration: 60 });

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
