import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncFailure } from './engine';
import { retryDelay, SyncScheduler, type SchedulerOptions } from './scheduler';

type Outcome = Parameters<NonNullable<SchedulerOptions['onOutcome']>>[0];

describe('SyncScheduler', () => {
  it('runs shortly after a new change while syncing works', async () => {
    let runs = 0;
    const scheduler = new SyncScheduler(
      async () => {
        runs++;
      },
      { lockName: 'test-ok', debounceMs: 5, periodicMs: 60_000 },
    );
    scheduler.start();
    await scheduler.idle();
    expect(runs).toBe(1);
    scheduler.request('mutation');
    await scheduler.idle();
    expect(runs).toBe(2);
    scheduler.stop();
  });

  it('while failing, new changes wait for the backoff retry instead of each trying at once', async () => {
    let runs = 0;
    const scheduler = new SyncScheduler(
      async () => {
        runs++;
        throw new SyncFailure('network', 'no signal');
      },
      { lockName: 'test-failing', debounceMs: 5, backoffMs: 10_000, periodicMs: 60_000 },
    );
    scheduler.start();
    await scheduler.idle();
    expect(runs).toBe(1);
    // Taps during the backoff: none of them starts a run of its own (`idle` would wait for one).
    for (let i = 0; i < 5; i++) scheduler.request('mutation');
    await scheduler.idle();
    expect(runs).toBe(1);
    // Coming online retries at once.
    scheduler.request('online');
    await scheduler.idle();
    expect(runs).toBe(2);
    scheduler.stop();
  });

  it('spreads pulls after a poke over the debounce, and folds a burst of pokes into one run', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const scheduler = new SyncScheduler(
        async () => {
          runs++;
        },
        { lockName: 'test-poke', debounceMs: 300, periodicMs: 600_000 },
      );
      scheduler.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(runs).toBe(1);
      const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
      for (let i = 0; i < 10; i++) scheduler.request('poke');
      await vi.advanceTimersByTimeAsync(149);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(runs).toBe(2);
      await vi.advanceTimersByTimeAsync(1000);
      expect(runs).toBe(2);
      random.mockRestore();
      scheduler.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  describe('when the server says when to come back', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A cycle refused `rate_limited` with a wait the first `refusals` times, then fine. */
    function limitedCycle(retryAfterMs: number, refusals = 1) {
      const state = { runs: 0 };
      const cycle = async () => {
        state.runs++;
        if (state.runs <= refusals) {
          throw new SyncFailure('rate_limited', 'Too many changes', retryAfterMs);
        }
      };
      return { state, cycle };
    }

    it('waits at least the Retry-After, and nothing asks sooner: not even online or Sync now', async () => {
      vi.useFakeTimers();
      const outcomes: Outcome[] = [];
      const { state, cycle } = limitedCycle(30_000);
      const scheduler = new SyncScheduler(cycle, {
        lockName: 'test-limited',
        debounceMs: 5,
        periodicMs: 3_600_000,
        onOutcome: (o) => outcomes.push(o),
      });
      scheduler.start();
      await vi.advanceTimersByTimeAsync(0);
      await scheduler.idle();
      expect(state.runs).toBe(1);
      const refused = outcomes[0];
      if (refused?.ok !== false) throw new Error('expected a refusal');
      expect(refused.failure.code).toBe('rate_limited');
      expect(refused.retryInMs).toBeGreaterThanOrEqual(30_000);
      expect(refused.retryInMs).toBeLessThanOrEqual(33_000);
      expect(scheduler.waitingUntil).not.toBeNull();

      // Every reason to sync, during the wait: none of them starts a run.
      for (const reason of [
        'online',
        'manual',
        'mutation',
        'poke',
        'visible',
        'periodic',
      ] as const) {
        scheduler.request(reason);
      }
      await vi.advanceTimersByTimeAsync(29_999);
      scheduler.request('manual');
      await vi.advanceTimersByTimeAsync(0);
      expect(state.runs).toBe(1);

      await vi.advanceTimersByTimeAsync(refused.retryInMs! - 29_999);
      await scheduler.idle();
      expect(state.runs).toBe(2);
      expect(outcomes.at(-1)).toEqual({ ok: true });
      expect(scheduler.waitingUntil).toBeNull();
      scheduler.stop();
    });

    it('folds a run asked for during a refused run into the retry, not into a run at once', async () => {
      vi.useFakeTimers();
      let release = () => {};
      let runs = 0;
      const scheduler = new SyncScheduler(
        async () => {
          runs++;
          if (runs > 1) return;
          // The first run is still going when a change is made.
          await new Promise<void>((resolve) => (release = resolve));
          throw new SyncFailure('busy', 'Server busy', 10_000);
        },
        { lockName: 'test-folded', debounceMs: 5, periodicMs: 3_600_000 },
      );
      scheduler.start();
      await vi.advanceTimersByTimeAsync(0);
      scheduler.request('mutation');
      await vi.advanceTimersByTimeAsync(5);
      release();
      await vi.advanceTimersByTimeAsync(9_999);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(1_001 + 1_000);
      await scheduler.idle();
      expect(runs).toBe(2);
      scheduler.stop();
    });

    it('honours an absurdly long Retry-After only up to maxRetryAfterMs', async () => {
      vi.useFakeTimers();
      const outcomes: Outcome[] = [];
      const { state, cycle } = limitedCycle(24 * 3_600_000);
      const scheduler = new SyncScheduler(cycle, {
        lockName: 'test-capped',
        periodicMs: 7_200_000,
        maxRetryAfterMs: 600_000,
        onOutcome: (o) => outcomes.push(o),
      });
      scheduler.start();
      await vi.advanceTimersByTimeAsync(0);
      await scheduler.idle();
      const refused = outcomes[0];
      if (refused?.ok !== false) throw new Error('expected a refusal');
      expect(refused.retryInMs).toBeGreaterThanOrEqual(600_000);
      expect(refused.retryInMs).toBeLessThanOrEqual(605_000);
      await vi.advanceTimersByTimeAsync(refused.retryInMs!);
      await scheduler.idle();
      expect(state.runs).toBe(2);
      scheduler.stop();
    });

    it('started again after a stop during the wait, runs when the wait ends', async () => {
      vi.useFakeTimers();
      const { state, cycle } = limitedCycle(20_000);
      const scheduler = new SyncScheduler(cycle, {
        lockName: 'test-restart',
        periodicMs: 3_600_000,
      });
      scheduler.start();
      await vi.advanceTimersByTimeAsync(0);
      await scheduler.idle();
      scheduler.stop();
      await vi.advanceTimersByTimeAsync(5_000);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(14_999);
      expect(state.runs).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await scheduler.idle();
      expect(state.runs).toBe(2);
      scheduler.stop();
    });
  });
});

describe('retryDelay', () => {
  it('is the own backoff with jitter when the server gave no wait', () => {
    expect(retryDelay(8_000, null, () => 0)).toBe(6_000);
    expect(retryDelay(8_000, null, () => 0.999_999)).toBe(8_000);
  });

  it('is never sooner than the server said, and at most a little later', () => {
    for (const random of [() => 0, () => 0.5, () => 0.999_999]) {
      const delay = retryDelay(1_000, 30_000, random);
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(33_000);
    }
    // The spread stays within 5 s however long the wait.
    expect(retryDelay(1_000, 600_000, () => 0.999_999)).toBeLessThanOrEqual(605_000);
  });

  it('takes the own backoff when it is the longer', () => {
    expect(retryDelay(60_000, 2_000, () => 0.999_999)).toBe(60_000);
  });
});
