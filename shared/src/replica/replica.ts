import {
  intentKey,
  pullTables,
  type PullChanges,
  type PullRows,
  type PullTable,
} from '../protocol/sync.js';
import { Table } from './table.js';

/** The key a pulled row is stored under (what a tombstone names). */
export const rowKey: { [T in PullTable]: (row: PullRows[T]) => string } = {
  club: (r) => r.id,
  members: (r) => r.memberId,
  trainingTypes: (r) => r.id,
  series: (r) => r.id,
  sessions: (r) => r.id,
  sessionCounts: (r) => r.sessionId,
  templates: (r) => r.id,
  intents: (r) => intentKey(r),
  signups: (r) => r.id,
  attendance: (r) => r.id,
  passes: (r) => r.id,
  creditLog: (r) => r.id,
  passRequests: (r) => r.id,
  notifications: (r) => r.id,
};

type Indexes = { [T in PullTable]?: Record<string, (row: PullRows[T]) => string> };

/** Secondary indexes the screens and the local rules look rows up by. */
const indexes: Indexes = {
  sessions: { series: (r) => r.seriesId ?? '' },
  intents: { session: (r) => r.sessionId, member: (r) => r.memberId },
  signups: { session: (r) => r.sessionId, member: (r) => r.memberId },
  attendance: { session: (r) => r.sessionId, member: (r) => r.memberId },
  passes: { member: (r) => r.memberId, template: (r) => r.templateId },
  creditLog: { pass: (r) => r.passId, member: (r) => r.memberId },
  passRequests: { member: (r) => r.memberId },
};

type ReplicaTables = { [T in PullTable]: Table<PullRows[T]> };

function emptyTables(): ReplicaTables {
  const tables = {} as Record<PullTable, Table<unknown>>;
  for (const name of pullTables) {
    tables[name] = new Table(
      rowKey[name] as (row: unknown) => string,
      (indexes[name] ?? {}) as Record<string, (row: unknown) => string>,
    );
  }
  return tables as ReplicaTables;
}

/**
 * A club as this device knows it: every pulled row in memory, by table.
 * The base replica mirrors the Dexie tables; `layer()` gives a view on top of
 * it where the device's pending mutations are applied.
 */
export class Replica {
  constructor(
    readonly clubId: string,
    readonly tables: ReplicaTables = emptyTables(),
  ) {}

  layer(): Replica {
    const layered = {} as Record<PullTable, Table<unknown>>;
    for (const name of pullTables) layered[name] = (this.tables[name] as Table<unknown>).layer();
    return new Replica(this.clubId, layered as ReplicaTables);
  }

  /** Applies one pull page: a reset first drops everything. */
  applyChanges(changes: PullChanges, reset: boolean): void {
    if (reset) for (const name of pullTables) this.tables[name].clear();
    for (const name of pullTables) {
      const change = changes[name];
      if (!change) continue;
      const table = this.tables[name] as Table<unknown>;
      for (const key of change.del) table.delete(key);
      for (const row of change.put) table.put(row);
    }
  }

  get club(): PullRows['club'] | undefined {
    return this.tables.club.values().next().value;
  }
}
