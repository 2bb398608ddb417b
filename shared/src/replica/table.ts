/**
 * A keyed collection of rows with secondary indexes, optionally layered over
 * a base table: the layer holds the device's own pending changes while the
 * base holds what the server sent, so recomputing the overlay after a sync
 * is a new layer, never a copy of thousands of rows.
 *
 * Indexed fields must not change for a key (true of every replicated row:
 * a sign-up never moves to another session or member).
 */
export class Table<Row> {
  readonly #rows = new Map<string, Row | undefined>();
  readonly #indexes = new Map<string, Map<string, Set<string>>>();

  constructor(
    readonly keyOf: (row: Row) => string,
    readonly indexed: Readonly<Record<string, (row: Row) => string>> = {},
    private readonly base?: Table<Row>,
  ) {
    for (const name of Object.keys(indexed)) this.#indexes.set(name, new Map());
  }

  /** A new, empty layer over this table. */
  layer(): Table<Row> {
    return new Table(this.keyOf, this.indexed, this);
  }

  get(key: string): Row | undefined {
    if (this.#rows.has(key)) return this.#rows.get(key);
    return this.base?.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  put(row: Row): void {
    const key = this.keyOf(row);
    this.#rows.set(key, row);
    for (const [name, field] of Object.entries(this.indexed)) {
      const index = this.#indexes.get(name)!;
      const value = field(row);
      let keys = index.get(value);
      if (!keys) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  delete(key: string): void {
    if (this.base) {
      // Shadow the base row; index entries of the base stay and are filtered on read.
      this.#rows.set(key, undefined);
      return;
    }
    const row = this.#rows.get(key);
    this.#rows.delete(key);
    if (row === undefined) return;
    for (const [name, field] of Object.entries(this.indexed)) {
      this.#indexes.get(name)!.get(field(row))?.delete(key);
    }
  }

  clear(): void {
    if (this.base) throw new Error('A layer cannot be cleared');
    this.#rows.clear();
    for (const index of this.#indexes.values()) index.clear();
  }

  /** Rows whose indexed field equals `value`. */
  by(index: string, value: string): Row[] {
    const keys = new Set<string>();
    this.#collectKeys(index, value, keys);
    const rows: Row[] = [];
    for (const key of keys) {
      const row = this.get(key);
      if (row !== undefined) rows.push(row);
    }
    return rows;
  }

  #collectKeys(index: string, value: string, into: Set<string>): void {
    const own = this.#indexes.get(index);
    if (!own) throw new Error(`No index ${index}`);
    for (const key of own.get(value) ?? []) into.add(key);
    if (this.base) this.base.#collectKeys(index, value, into);
  }

  *values(): IterableIterator<Row> {
    if (this.base) {
      for (const [key, row] of this.base.#entries()) {
        if (!this.#rows.has(key) && row !== undefined) yield row;
      }
    }
    for (const row of this.#rows.values()) if (row !== undefined) yield row;
  }

  *#entries(): IterableIterator<[string, Row | undefined]> {
    if (this.base) {
      for (const entry of this.base.#entries()) if (!this.#rows.has(entry[0])) yield entry;
    }
    yield* this.#rows.entries();
  }

  get size(): number {
    return [...this.values()].length;
  }
}
