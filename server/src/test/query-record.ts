import type Database from 'better-sqlite3';
import type { SqliteStatements } from '../db/statements.js';

/**
 * What a call asks SQLite, and how SQLite plans it: the pull-cost tests and
 * the history bench judge "a pull costs what it sends" by the queries and
 * their plans, not by timing.
 */
export interface Recorded {
  /** The SQL of every statement prepared or run, in order. */
  queries: string[];
  /** Rows the reads returned. */
  rows: number;
}

/** Runs `call` on a server whose statements are `st`, recording its queries and rows read. */
export async function recordQueries(
  st: SqliteStatements,
  call: () => Promise<unknown>,
): Promise<Recorded> {
  const queries: string[] = [];
  let rows = 0;
  const original = { prepare: st.prepare, values: st.values };
  st.prepare = (sql) => {
    queries.push(sql);
    const statement = original.prepare.call(st, sql);
    if (!statement.reader) return statement;
    // Count the rows each read returns.
    return new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown;
        if (key === 'all') {
          return (...args: unknown[]) => {
            const out = target.all(...args);
            rows += out.length;
            return out;
          };
        }
        if (key === 'get') {
          return (...args: unknown[]) => {
            const out = target.get(...args);
            if (out !== undefined) rows++;
            return out;
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  st.values = <V>(sql: string, params?: readonly unknown[]) => {
    queries.push(sql);
    const out = original.values.call(st, sql, params) as V[];
    rows += out.length;
    return out;
  };
  try {
    await call();
  } finally {
    st.prepare = original.prepare;
    st.values = original.values;
  }
  return { queries, rows };
}

/** SQLite's plan of a query, one line per step (parameters bound to null: plans do not depend on them). */
export function queryPlan(sqlite: Database.Database, sql: string): string[] {
  const statement = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const params = Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
  return statement.all(...params).map((r) => (r as { detail: string }).detail);
}

/** Every step of every read among `queries`, with the query it belongs to. */
export function readSteps(sqlite: Database.Database, queries: string[]) {
  return queries
    .filter((q) => /^\s*select/i.test(q))
    .flatMap((q) => queryPlan(sqlite, q).map((step) => ({ q, step })));
}

/**
 * Steps that read a whole table: cost that grows with the club. `first` is
 * a paging subquery's own result, at most a page plus one row (VersionReader).
 */
export function isFullScan(step: string): boolean {
  return /^SCAN /.test(step) && !/CONSTANT ROW|^SCAN first$/.test(step);
}

/** Steps that walk a history table in version order: cost that grows with the club's history. */
export function walksHistory(step: string): boolean {
  return /\b(attendance|signups|intents|credit_log|passes|sessions)_club_version/.test(step);
}
