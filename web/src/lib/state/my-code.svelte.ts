import { stepAt } from '@turnout/shared';
import { api, attempt } from '$lib/api';
import { deviceDb } from '$lib/db';
import type { DoorIdentity } from '$lib/db/database';
import { doorIdentityOf, saveDoorCertificate } from '$lib/db/door';
import { deviceMeta } from '$lib/db/outbox';
import {
  canMakeCodes,
  certificateValid,
  codeAt,
  makeDoorKeys,
  publicKeyOf,
  wantsCertificate,
} from '$lib/door/phone';

export type MyCodeStatus = 'loading' | 'ready' | 'needsConnection' | 'unsupported' | 'failed';

/**
 * "My code": the member's changing door code on this phone. Gets the
 * club's certificate once online (and renews it when it runs low), then
 * makes a code every time step from the device's clock corrected by its
 * measured offset, offline too.
 */
export class MyCode {
  code = $state<string | null>(null);
  status = $state<MyCodeStatus>('loading');
  /** Until when this phone can make codes without going online. */
  validUntil = $state<string | null>(null);

  #identity: DoorIdentity | null = null;
  #step = -1;
  #clockOffsetMs = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;

  constructor(private readonly seat: { clubId: string; memberId: string }) {}

  async start(): Promise<void> {
    if (!canMakeCodes()) {
      this.status = 'unsupported';
      return;
    }
    const db = deviceDb();
    try {
      this.#clockOffsetMs = (await deviceMeta(db)).clockOffsetMs;
      let identity = await doorIdentityOf(db, this.seat.clubId, this.seat.memberId, makeDoorKeys);
      if (wantsCertificate(identity, this.#now())) {
        const deviceKey = await publicKeyOf(identity.keys);
        const certified = await attempt(() =>
          api.door.certify.mutate({ clubId: this.seat.clubId, deviceKey }),
        );
        if (certified.ok) {
          const { cert, expiresAt } = certified.value;
          identity = await saveDoorCertificate(db, identity, cert, expiresAt);
        }
      }
      if (this.#stopped) return;
      this.#identity = identity;
      this.validUntil = identity.certExpiresAt;
      if (!certificateValid(identity, this.#now())) {
        this.status = 'needsConnection';
        return;
      }
      await this.#refresh();
      this.#timer = setInterval(() => void this.#refresh(), 1000);
    } catch {
      this.status = 'failed';
    }
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  #now(): number {
    return Date.now() + this.#clockOffsetMs;
  }

  /** A new code when the time step changed. */
  async #refresh(): Promise<void> {
    const identity = this.#identity;
    if (!identity) return;
    const now = this.#now();
    if (!certificateValid(identity, now)) {
      this.code = null;
      this.status = 'needsConnection';
      return;
    }
    const step = stepAt(now);
    if (step === this.#step) return;
    this.#step = step;
    const code = await codeAt(identity, now);
    if (this.#stopped) return;
    this.code = code;
    this.status = code ? 'ready' : 'needsConnection';
  }
}
