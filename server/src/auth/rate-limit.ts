import type pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
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
  /** Pushes per minute from one device (account and clientId). */
  pushesPerDevice?: number;
  /** Pushes per minute from one account, all its devices together. */
  pushesPerAccount?: number;
  /** Mutations per ten minutes from one account. */
  mutationsPerAccount?: number;
  /** Characters of pushed JSON per ten minutes from one account. */
  pushedCharsPerAccount?: number;
  /** Pulls (pages) per minute from one account. */
  pullsPerAccount?: number;
  /** "Forgot password" requests per hour for one email, from anywhere (its inbox is not flooded). */
  resetRequestsPerEmail?: number;
  /** "Forgot password" requests per hour from one address. */
  resetRequestsPerAddress?: number;
  /** Web push subscribe/unsubscribe calls per hour from one account. */
  pushSubscriptionsPerAccount?: number;
}

/** Why each value: docs/decisions.md, "Limits". */
const defaultRateLimits: Required<RateLimitOptions> = {
  loginPerAccount: 5,
  loginPerAddress: 30,
  secretsPerAddress: 20,
  pushesPerDevice: 120,
  pushesPerAccount: 300,
  mutationsPerAccount: 10_000,
  pushedCharsPerAccount: 8_000_000,
  pullsPerAccount: 600,
  resetRequestsPerEmail: 3,
  resetRequestsPerAddress: 10,
  pushSubscriptionsPerAccount: 60,
};

export class RateLimits {
  readonly #loginPerAccount: RateLimiterAbstract;
  readonly #loginPerAddress: RateLimiterAbstract;
  readonly #secretsPerAddress: RateLimiterAbstract;
  readonly #pushesPerDevice: RateLimiterMemory;
  readonly #pushesPerAccount: RateLimiterMemory;
  readonly #mutationsPerAccount: RateLimiterMemory;
  readonly #pushedCharsPerAccount: RateLimiterMemory;
  readonly #pullsPerAccount: RateLimiterMemory;
  readonly #resetRequestsPerEmail: RateLimiterAbstract;
  readonly #resetRequestsPerAddress: RateLimiterAbstract;
  readonly #pushSubscriptionsPerAccount: RateLimiterMemory;

  constructor(
    given: RateLimitOptions = defaultRateLimits,
    /**
     * Several app servers on PostgreSQL: the guessing limits (logins,
     * secrets, resets) count in the database, so a guesser spreading tries
     * over the servers meets one limit. The load limits (pushes, pulls)
     * stay per server: each bounds the work of the server it protects.
     */
    shared?: pg.Pool,
  ) {
    const options = { ...defaultRateLimits, ...given };
    const guessing = (keyPrefix: string, limits: IRateLimiterOptions): RateLimiterAbstract =>
      shared
        ? new RateLimiterPostgres({
            ...limits,
            keyPrefix,
            storeClient: shared,
            storeType: 'pool',
            tableName: 'rate_limits',
            tableCreated: true,
            clearExpiredByTimeout: true,
          })
        : new RateLimiterMemory(limits);
    this.#loginPerAccount = guessing('login_account', {
      points: options.loginPerAccount,
      duration: 60,
    });
    this.#loginPerAddress = guessing('login_address', {
      points: options.loginPerAddress,
      duration: 60,
    });
    this.#secretsPerAddress = guessing('secrets_address', {
      points: options.secretsPerAddress,
      duration: 60,
    });
    this.#pushesPerDevice = new RateLimiterMemory({
      points: options.pushesPerDevice,
      duration: 60,
    });
    this.#pushesPerAccount = new RateLimiterMemory({
      points: options.pushesPerAccount,
      duration: 60,
    });
    this.#mutationsPerAccount = new RateLimiterMemory({
      points: options.mutationsPerAccount,
      duration: 600,
    });
    this.#pushedCharsPerAccount = new RateLimiterMemory({
      points: options.pushedCharsPerAccount,
      duration: 600,
    });
    this.#pullsPerAccount = new RateLimiterMemory({
      points: options.pullsPerAccount,
      duration: 60,
    });
    this.#resetRequestsPerEmail = guessing('reset_email', {
      points: options.resetRequestsPerEmail,
      duration: 3600,
    });
    this.#resetRequestsPerAddress = guessing('reset_address', {
      points: options.resetRequestsPerAddress,
      duration: 3600,
    });
    this.#pushSubscriptionsPerAccount = new RateLimiterMemory({
      points: options.pushSubscriptionsPerAccount,
      duration: 3600,
    });
  }

  /**
   * One push of `mutations` mutations, `chars` characters long, from a
   * device of an account. Refused `rate_limited` with the seconds to wait;
   * the device keeps its outbox and sends it then.
   */
  async push(userId: string, clientId: string, mutations: number, chars: number): Promise<void> {
    await guard(this.#pushesPerDevice.consume(`${userId}|${clientId}`), busyMessage);
    await guard(this.#pushesPerAccount.consume(userId), busyMessage);
    if (mutations > 0)
      await guard(this.#mutationsPerAccount.consume(userId, mutations), busyMessage);
    await guard(this.#pushedCharsPerAccount.consume(userId, Math.max(1, chars)), busyMessage);
  }

  async pull(userId: string): Promise<void> {
    await guard(this.#pullsPerAccount.consume(userId), busyMessage);
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

  /**
   * A "forgot password" request: counted for the email whether or not it
   * has an account, so being limited says nothing about the account.
   */
  async passwordForgot(ip: string, email: string): Promise<void> {
    await guard(this.#resetRequestsPerAddress.consume(ip), resetMessage);
    await guard(this.#resetRequestsPerEmail.consume(email), resetMessage);
  }

  /** A browser subscribing to web push or unsubscribing, for an account. */
  async pushSubscription(userId: string): Promise<void> {
    await guard(this.#pushSubscriptionsPerAccount.consume(userId));
  }
}

const attemptsMessage = (seconds: number) =>
  `Too many attempts. Please wait ${seconds} seconds and try again.`;
const resetMessage = (seconds: number) =>
  `Too many reset requests. Please wait ${Math.ceil(seconds / 60)} minutes and try again.`;
const busyMessage = (seconds: number) =>
  `Too many changes from this account at once. They are kept and sent again in ${seconds} seconds.`;

async function guard(
  attempt: Promise<RateLimiterRes>,
  message: (seconds: number) => string = attemptsMessage,
): Promise<void> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      fail('rate_limited', message(seconds), seconds);
    }
    throw error;
  }
}
