import type { Poke } from '@turnout/shared';
import type { LoadDevice, Mutation } from './load-device.js';

/** How the simulated people use their devices (load.bench.ts). */

export const CHECKINS_PER_PUSH = 5;
/** The app's debounce: after a tap, and the spread of pulls after a poke. */
const DEBOUNCE_MS = 300;
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 8_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/**
 * A front desk with a queue that never ends: the check-ins of its own
 * sessions (no two desks check in the same person to the same session),
 * members in a shuffled order.
 */
export function* frontDeskQueue(sessions: string[], memberIds: string[]) {
  for (const sessionId of sessions) {
    const order = [...memberIds];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const memberId of order) yield { sessionId, memberId };
  }
}

/**
 * A host's device: pushes its next check-ins (a batch of five), then pulls
 * until up to date (unless `pull` is off: pushes alone), over and over until
 * the deadline or its queue runs out. A batch that went unanswered stays in
 * the outbox and is sent again after a backoff, as the app does; a batch is
 * counted once it is answered, within the phase.
 */
export async function runHost(
  device: LoadDevice,
  queue: Iterator<{ sessionId: string; memberId: string }>,
  options: { deadline: number; pull: boolean; maxPushes: number },
): Promise<void> {
  let outbox: Mutation[] = [];
  let backoff = FIRST_BACKOFF_MS;
  let pushes = 0;
  const failed = async () => {
    await sleep(Math.min(backoff, options.deadline - performance.now()));
    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
  };
  while (performance.now() < options.deadline && pushes < options.maxPushes) {
    if (outbox.length === 0) {
      for (let i = 0; i < CHECKINS_PER_PUSH; i++) {
        const next = queue.next();
        if (next.done) break;
        outbox.push(device.mutation('checkin.create', next.value));
      }
      if (outbox.length === 0) return;
    }
    pushes++;
    const results = await device.push(outbox);
    if (!results) {
      await failed();
      continue;
    }
    if (performance.now() <= options.deadline) {
      device.stats.checkinsApplied += results.filter((r) => r.status === 'applied').length;
    }
    outbox = [];
    if (options.pull && !(await device.pullAll())) {
      await failed();
      continue;
    }
    backoff = FIRST_BACKOFF_MS;
  }
}

/**
 * A member's phone: keeps the change stream open and, when poked, pulls
 * after a random part of the debounce (as the app spreads its pulls); now
 * and then marks going (or not) for a session later today, sent after the
 * debounce together with a pull. One sync at a time: a poke during a sync
 * makes one more sync after it. Unanswered syncs back off.
 */
export class MemberPhone {
  #timer: NodeJS.Timeout | undefined;
  #intentTimer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #failures = 0;
  #syncs = 0;
  #stopped = true;
  #outbox: Mutation[] = [];
  readonly #going = new Map<string, boolean>();

  constructor(
    readonly device: LoadDevice,
    private readonly options: {
      sessionsLater: string[];
      /** Mean time between two "going" taps of one member. */
      intentEveryMs: number;
      maxSyncs: number;
    },
  ) {}

  start(): void {
    this.#stopped = false;
    this.#nextIntent();
  }

  /** As the app does (ClubStore): a poke about other members only brings counts, no pull. */
  poke(poke: Poke): void {
    if (this.#stopped || this.#failures > 0) return;
    if (poke.scope && !poke.scope.members.includes(this.device.account.memberId)) {
      this.device.stats.pullsSpared++;
      return;
    }
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (!this.#timer) this.#schedule(Math.random() * DEBOUNCE_MS);
  }

  /** Stops starting syncs; resolves when the one in progress (if any) has ended. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#intentTimer);
    await this.#running;
  }

  #nextIntent(): void {
    // Exponential gaps: taps of many people arrive as a Poisson stream.
    const gap = -Math.log(1 - Math.random()) * this.options.intentEveryMs;
    this.#intentTimer = setTimeout(() => {
      if (this.#stopped) return;
      const sessions = this.options.sessionsLater;
      const sessionId = sessions[Math.floor(Math.random() * sessions.length)]!;
      const going = !(this.#going.get(sessionId) ?? false);
      this.#going.set(sessionId, going);
      this.#outbox.push(this.device.mutation('intent.set', { sessionId, going }));
      if (this.#failures === 0) this.#schedule(DEBOUNCE_MS);
      this.#nextIntent();
    }, gap);
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, ms);
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#stopped || this.#syncs >= this.options.maxSyncs) return;
    this.#syncs++;
    const sync = this.#sync().then(
      () => true,
      () => false,
    );
    this.#running = sync.then(() => {});
    const ok = await sync;
    this.#running = undefined;
    if (this.#stopped) return;
    if (!ok) {
      const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** this.#failures);
      this.#failures++;
      this.#again = false;
      this.#schedule(backoff * (0.75 + Math.random() * 0.25));
      return;
    }
    this.#failures = 0;
    if (this.#again) {
      this.#again = false;
      this.#schedule(0);
    }
  }

  /** Push the outbox (if anything waits), then pull until up to date; throws when unanswered. */
  async #sync(): Promise<void> {
    if (this.#outbox.length > 0) {
      const batch = [...this.#outbox];
      const results = await this.device.push(batch);
      if (!results) throw new Error('push unanswered');
      if (performance.now() <= this.device.deadline) {
        this.device.stats.intentsApplied += results.filter((r) => r.status === 'applied').length;
      }
      this.#outbox = this.#outbox.slice(batch.length);
    }
    if (!(await this.device.pullAll())) throw new Error('pull unanswered');
  }
}
