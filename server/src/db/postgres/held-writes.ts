/**
 * Single-row writes held back and sent together as multi-row statements.
 *
 * A push writes an attendance row, a credit-log entry and a mutation-log
 * row per check-in. One statement each costs a thread hop and a loopback
 * round trip (about 0.3 ms): 500 check-ins, 1,500 round trips. Held here,
 * they go out as one INSERT per table, before the transaction's next read,
 * savepoint or commit — so everything that reads sees them, and a guard that
 * refuses one refuses the statement (push then redoes the batch with a
 * savepoint per mutation: sync/push.ts, `GuardTripped`).
 *
 * Sending them table by table reorders them: every attendance row before
 * every credit-log entry before every mutation-log row. That is safe for
 * these three tables only, which is why only they are held: a credit-log
 * entry names its attendance row (so it must follow it, and does); no
 * trigger of attendance reads the credit log or the mutation log, and
 * nothing reads the mutation log. Within a table the order is kept, so a
 * pass's entries still chain their balances (the trigger runs row by row
 * and sees the rows before it). An upsert meeting its own key twice would
 * fail as one statement, so a second write of a held key sends what is held
 * first; so does a table written with another statement's text.
 */
const HELD_TABLES = ['attendance', 'credit_log', 'mutation_log'] as const;

/** Bound values per statement: PostgreSQL takes at most 65,535. */
const MAX_VALUES = 30_000;
/** Rows held at most before they are sent anyway (memory, and one error's reach). */
const MAX_ROWS = 5_000;

/** A statement and its values, as the connection runs it. */
export interface HeldStatement {
  sql: string;
  params: readonly unknown[];
  /** Whether the text is one of many shapes (a multi-row statement): not worth preparing. */
  oneOff: boolean;
}

interface Shape {
  rank: number;
  /** The text up to the first row's values, the row's tuple, and the rest. */
  head: string;
  tuple: string;
  tail: string;
  /** An upsert: the values of its conflict target, which may appear once per statement. */
  key: number[] | null;
}

interface Group {
  sql: string;
  shape: Shape;
  keys: Set<string>;
  rows: (readonly unknown[])[];
}

export class HeldWrites {
  readonly #shapes = new Map<string, Shape | null>();
  /** At most one group per table, by rank. */
  readonly #groups: (Group | undefined)[] = [];
  #rows = 0;

  get size(): number {
    return this.#rows;
  }

  /**
   * Holds the write if it may be held now; false: send what is held (take),
   * then try again, and if it is still refused, run it alone.
   */
  hold(sql: string, params: readonly unknown[]): boolean {
    const shape = this.#shapeOf(sql);
    if (!shape || this.#rows >= MAX_ROWS) return false;
    const group = this.#groups[shape.rank];
    if (!group) {
      this.#groups[shape.rank] = {
        sql,
        shape,
        keys: new Set(shape.key ? [keyOf(shape.key, params)] : []),
        rows: [params],
      };
    } else {
      if (group.sql !== sql) return false;
      if (shape.key) {
        const key = keyOf(shape.key, params);
        if (group.keys.has(key)) return false;
        group.keys.add(key);
      }
      group.rows.push(params);
    }
    this.#rows += 1;
    return true;
  }

  /** What is held, as statements in the order to send them; nothing is held after. */
  take(): HeldStatement[] {
    const statements: HeldStatement[] = [];
    for (const group of this.#groups) {
      if (!group) continue;
      const { rows, shape, sql } = group;
      if (rows.length === 1) {
        statements.push({ sql, params: rows[0]!, oneOff: false });
        continue;
      }
      const width = rows[0]!.length;
      const perStatement = Math.max(1, Math.floor(MAX_VALUES / Math.max(1, width)));
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        const tuples = chunk.map((_, k) => renumbered(shape.tuple, k * width));
        statements.push({
          sql: `${shape.head}${tuples.join(', ')}${shape.tail}`,
          params: chunk.flat(),
          oneOff: chunk.length > 1,
        });
      }
    }
    this.discard();
    return statements;
  }

  /** Forgets what is held (the transaction rolled back). */
  discard(): void {
    this.#groups.length = 0;
    this.#rows = 0;
  }

  #shapeOf(sql: string): Shape | null {
    let shape = this.#shapes.get(sql);
    if (shape === undefined) {
      shape = parseShape(sql);
      if (this.#shapes.size >= 1000) this.#shapes.clear();
      this.#shapes.set(sql, shape);
    }
    return shape;
  }
}

/** A single-row INSERT into a held table, split around its tuple; null for anything else. */
function parseShape(sql: string): Shape | null {
  const table = /^\s*INSERT\s+INTO\s+"?(\w+)"?/i.exec(sql)?.[1];
  const rank = HELD_TABLES.indexOf(table as (typeof HELD_TABLES)[number]);
  if (rank < 0 || /\bRETURNING\b/i.test(sql)) return null;
  const values = /\bVALUES\s*\(/i.exec(sql);
  if (!values) return null;
  const open = values.index + values[0].length - 1;
  const close = closingParen(sql, open);
  if (close < 0) return null;
  const tuple = sql.slice(open, close + 1);
  const tail = sql.slice(close + 1);
  let key: number[] | null = null;
  const target = /\bON\s+CONFLICT\s*\(([^)]*)\)/i.exec(tail);
  if (target) {
    key = conflictValues(sql.slice(0, values.index), tuple, target[1]!);
    if (!key) return null;
  } else if (/\bON\s+CONFLICT\b/i.test(tail)) return null;
  return { rank, head: sql.slice(0, open), tuple, tail, key };
}

/**
 * Where the conflict target's values sit in a row's values: each target
 * column's item in the tuple must be a plain `$n` (else null: not held).
 */
function conflictValues(head: string, tuple: string, target: string): number[] | null {
  const columns = namesIn(/\(([^)]*)\)/.exec(head)?.[1] ?? '');
  const items = tuple
    .slice(1, -1)
    .split(',')
    .map((item) => item.trim());
  if (columns.length !== items.length) return null;
  const key: number[] = [];
  for (const column of namesIn(target)) {
    const placeholder = /^\$(\d+)$/.exec(items[columns.indexOf(column)] ?? '');
    if (!placeholder) return null;
    key.push(Number(placeholder[1]) - 1);
  }
  return key;
}

/** Column names of a comma-separated list, unquoted. */
function namesIn(list: string): string[] {
  return list.split(',').map((name) => name.trim().replace(/^"|"$/g, ''));
}

/** A row's conflict-target values as one comparable key. */
function keyOf(positions: readonly number[], params: readonly unknown[]): string {
  return JSON.stringify(positions.map((i) => params[i]));
}

/** The index of the parenthesis closing the one at `open`, skipping quoted text; -1 if none. */
function closingParen(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'") {
      i = sql.indexOf("'", i + 1);
      if (i < 0) return -1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The tuple with its `$n` placeholders moved up by `offset` (quoted text left alone). */
function renumbered(tuple: string, offset: number): string {
  if (offset === 0) return tuple;
  return tuple.replace(/'(?:[^']|'')*'|\$(\d+)/g, (token, n: string | undefined) =>
    n === undefined ? token : `$${Number(n) + offset}`,
  );
}
