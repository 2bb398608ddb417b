import { Remote } from '$lib/components/manage/remote.svelte';

/** How many rows a paged report asks for at a time. */
const reportPageSize = 50;

/**
 * A report read a page at a time (past sessions, a member's attendance):
 * the rows shown so far, the first page replacing them and "more" adding
 * the next one.
 */
export class PagedReport<T, R> extends Remote<T> {
  rows = $state.raw<R[]>([]);
  readonly #rowsOf: (value: T) => R[];

  constructor(rowsOf: (value: T) => R[]) {
    super();
    this.#rowsOf = rowsOf;
  }

  /** Loads the first page, or with `more` the page after the rows shown. */
  async page(more: boolean, call: (page: { limit: number; offset: number }) => Promise<T>) {
    const offset = more ? this.rows.length : 0;
    const value = await this.load(() => call({ limit: reportPageSize, offset }));
    if (value) this.rows = more ? [...this.rows, ...this.#rowsOf(value)] : this.#rowsOf(value);
  }
}
