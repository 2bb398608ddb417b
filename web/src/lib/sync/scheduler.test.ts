import { describe, expect, it } from 'vitest';
import { SyncFailure } from './engine';
import { SyncScheduler } from './scheduler';

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
});
