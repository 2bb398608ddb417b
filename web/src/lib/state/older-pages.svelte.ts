import type { HistoryCursor, HistoryPage } from '@turnout/shared';
import { attempt, type ApiFailure } from '$lib/api';

/**
 * History the device does not keep, loaded from the server a page at a time
 * on request ("Load older"), newest first, and kept in memory for as long as
 * the screen is open (docs/device.md, "What is kept offline").
 *
 * - `idle`: more may exist; nothing is loading.
 * - `loading`: a page is on its way.
 * - `offline`: the last try found no network; trying again is up to the person.
 * - `failed`: the server refused (`failure` says why).
 * - `done`: the server said there is nothing older.
 */
export type OlderPagesState = 'idle' | 'loading' | 'offline' | 'failed' | 'done';

export class OlderPages<T> {
  items = $state<T[]>([]);
  state = $state<OlderPagesState>('idle');
  failure = $state<ApiFailure | null>(null);
  #next: HistoryCursor | undefined;

  constructor(private readonly page: (before?: HistoryCursor) => Promise<HistoryPage<T>>) {}

  /** Loads the next older page, unless one is loading or there is nothing older. */
  async more(): Promise<void> {
    if (this.state === 'loading' || this.state === 'done') return;
    this.state = 'loading';
    const result = await attempt(() => this.page(this.#next));
    if (!result.ok) {
      this.failure = result.failure;
      this.state = result.failure.code === 'network' ? 'offline' : 'failed';
      return;
    }
    this.failure = null;
    this.items = [...this.items, ...result.value.items];
    this.#next = result.value.next ?? undefined;
    this.state = result.value.next ? 'idle' : 'done';
  }
}
