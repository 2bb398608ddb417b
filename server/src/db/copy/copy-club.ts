import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../database.js';
import { copiedTables, type CopiedTable } from './tables.js';

/**
 * Copies one club, with its whole history, from one store to another
 * (SQLite to PostgreSQL when a club outgrows its box; the same code copies
 * back). The target's own guards judge every copied row: passes start at 0
 * and their balances are rebuilt by replaying the credit log entry by entry,
 * session counts are rebuilt by the triggers and compared with the source's.
 * All of it in one target transaction: a copy that fails leaves nothing.
 */
export class CopyError extends Error {}

type Row = Record<string, unknown>;
type Db = Kysely<Database>;
type Tx = Transaction<Database>;

export interface CopyReport {
  club: string;
  rows: Record<string, number>;
}

const PAGE = 1000;

export async function copyClub(from: Db, to: Db, clubId: string): Promise<CopyReport> {
  // A consistent snapshot of the source, even while its server writes.
  return from.transaction().execute((source) =>
    to.transaction().execute(async (target) => {
      const copy = new ClubCopy(source, target, clubId);
      await copy.run();
      return { club: clubId, rows: copy.rows };
    }),
  );
}

class ClubCopy {
  readonly rows: Record<string, number> = {};
  readonly #passes = new Map<string, { balance: number; version: number }>();

  constructor(
    private readonly source: Tx,
    private readonly target: Tx,
    private readonly club: string,
  ) {}

  async run() {
    const [club] = await this.read('clubs', sql`id = ${this.club}`, ['id']);
    if (!club) throw new CopyError(`There is no club ${this.club} in the source.`);
    if ((await rows(this.target, sql`SELECT id FROM clubs WHERE id = ${this.club}`)).length) {
      throw new CopyError(`The target already holds club ${this.club}.`);
    }
    await this.checkAccounts();
    for (const table of copiedTables) await this.copyTable(table);
    await this.finish(club);
  }

  async copyTable(table: CopiedTable) {
    switch (table.name) {
      case 'credit_log':
        return this.copyCreditLog();
      case 'security_log':
        return this.copySecurityLog();
      case 'push_subscriptions':
        if (!(await this.sameVapidKey())) return;
        break;
    }
    const where = this.scopeOf(table);
    if (!where) return;
    const onConflict = table.scope === 'club' || table.scope === 'club-row' ? 'fail' : 'skip';
    for await (const page of this.pages(table, where)) {
      const written = table.name === 'passes' ? page.map((row) => this.rememberPass(row)) : page;
      await insert(this.target, table.name, written, onConflict);
      this.count(table.name, page.length);
    }
  }

  scopeOf(table: CopiedTable): RawBuilder<unknown> | undefined {
    const members = sql`SELECT user_id FROM memberships WHERE club_id = ${this.club}`;
    switch (table.scope) {
      case 'club':
        return sql`club_id = ${this.club}`;
      case 'club-row':
        return sql`id = ${this.club}`;
      case 'member-users':
        return sql`id IN (${members})`;
      case 'member-user-rows':
        return sql`user_id IN (${members})`;
      case 'server-keep-target':
        return sql`1 = 1`;
      case 'special':
        return undefined;
    }
  }

  /** A pass starts at 0 in the target; its credit log, replayed, brings it to its balance. */
  rememberPass(row: Row): Row {
    this.#passes.set(row.id as string, {
      balance: row.balance as number,
      version: row.version as number,
    });
    return { ...row, balance: 0 };
  }

  /**
   * The credit log pass by pass, each pass's entries in the order their
   * balances chain: by version, and within one version (a cancellation that
   * returns several charges) the entry that starts where the last one ended.
   */
  async copyCreditLog() {
    let pass: string | undefined;
    let entries: Row[] = [];
    const flush = async () => {
      if (!entries.length) return;
      await insert(this.target, 'credit_log', chained(entries), 'fail');
      this.count('credit_log', entries.length);
      entries = [];
    };
    const order = ['pass_id', 'version', 'id'];
    for await (const page of this.pages(
      { key: order, name: 'credit_log' },
      sql`club_id = ${this.club}`,
    )) {
      for (const row of page) {
        if (row.pass_id !== pass) await flush();
        pass = row.pass_id as string;
        entries.push(row);
      }
    }
    await flush();
  }

  async copySecurityLog() {
    const where = sql`club_id = ${this.club}`;
    for await (const page of this.pages({ name: 'security_log', key: ['id'] }, where)) {
      // The target numbers its own log: the entries keep their order, not their ids.
      await insert(
        this.target,
        'security_log',
        page.map(({ id: _id, ...rest }) => rest),
        'fail',
      );
      this.count('security_log', page.length);
    }
  }

  /** Refuses accounts the target already knows under another id or e-mail address. */
  async checkAccounts() {
    const members = sql`SELECT user_id FROM memberships WHERE club_id = ${this.club}`;
    for await (const page of this.pages({ name: 'users', key: ['id'] }, sql`id IN (${members})`)) {
      const ids = page.map((u) => u.id as string);
      const emails = page.map((u) => u.email as string);
      const known = await rows(
        this.target,
        sql`SELECT id, email FROM users WHERE id IN (${sql.join(ids)}) OR email IN (${sql.join(emails)})`,
      );
      const byId = new Map(page.map((u) => [u.id, u.email]));
      const clash = known.find((k) => byId.get(k.id) !== k.email);
      if (clash) {
        throw new CopyError(
          `The target already has an account for ${String(clash.email)} that is not the same person's ` +
            `(account ${String(clash.id)}); merge or rename one of the two accounts first.`,
        );
      }
    }
  }

  async sameVapidKey(): Promise<boolean> {
    const key = sql`SELECT public_key FROM vapid_keys WHERE id = 1`;
    const [mine] = await rows(this.source, key);
    const [theirs] = await rows(this.target, key);
    return !!mine && mine.public_key === theirs?.public_key;
  }

  /** Counters the triggers moved while copying go back to the source's; rebuilt counts are checked. */
  async finish(club: Row) {
    await this.target.executeQuery(
      sql`UPDATE clubs SET version = ${club.version}, members_version = ${club.members_version},
          door_version = ${club.door_version} WHERE id = ${this.club}`.compile(this.target),
    );
    for (const [id, pass] of this.#passes) {
      const [copied] = await rows(this.target, sql`SELECT balance FROM passes WHERE id = ${id}`);
      if (copied?.balance !== pass.balance) {
        throw new CopyError(
          `Pass ${id}: its credit log adds up to ${String(copied?.balance)}, the source says ${pass.balance}.`,
        );
      }
      await this.target.executeQuery(
        sql`UPDATE passes SET version = ${pass.version} WHERE id = ${id}`.compile(this.target),
      );
    }
    const where = sql`club_id = ${this.club}`;
    for await (const page of this.pages({ name: 'session_counts', key: ['session_id'] }, where)) {
      for (const counts of page) {
        const [rebuilt] = await rows(
          this.target,
          sql`SELECT occupancy, going, waitlisted FROM session_counts WHERE session_id = ${counts.session_id}`,
        );
        for (const column of ['occupancy', 'going', 'waitlisted']) {
          if (rebuilt?.[column] !== counts[column]) {
            throw new CopyError(
              `Session ${String(counts.session_id)}: ${column} is ${String(counts[column])} in the source ` +
                `but its rows count ${String(rebuilt?.[column])}.`,
            );
          }
        }
        await this.target.executeQuery(
          sql`UPDATE session_counts SET version = ${counts.version}
              WHERE session_id = ${counts.session_id}`.compile(this.target),
        );
      }
      this.count('session_counts', page.length);
    }
    const [counter] = await rows(this.source, sql`SELECT version FROM change_counter WHERE id = 1`);
    const version = Number(counter?.version ?? 0);
    // New changes on the target must sort after every copied row, or devices
    // holding the club's cursors would never pull them.
    await this.target.executeQuery(
      sql`UPDATE change_counter SET version = CASE WHEN version < ${version} THEN ${version} ELSE version END
          WHERE id = 1`.compile(this.target),
    );
  }

  /** The rows of a table in key order, a page at a time (row-value keyset paging). */
  async *pages(table: Pick<CopiedTable, 'name' | 'key'>, where: RawBuilder<unknown>) {
    const keys = sql.join(table.key.map((k) => sql.ref(k)));
    let after: unknown[] | undefined;
    for (;;) {
      const past = after ? sql`AND (${keys}) > (${sql.join(after)})` : sql``;
      const page = await rows(
        this.source,
        sql`SELECT * FROM ${sql.table(table.name)} WHERE ${where} ${past} ORDER BY ${keys} LIMIT ${PAGE}`,
      );
      if (page.length) yield page;
      if (page.length < PAGE) return;
      const last = page[page.length - 1] as Row;
      after = table.key.map((k) => last[k]);
    }
  }

  read(table: string, where: RawBuilder<unknown>, key: string[]) {
    return rows(
      this.source,
      sql`SELECT * FROM ${sql.table(table)} WHERE ${where} ORDER BY ${sql.join(key.map((k) => sql.ref(k)))}`,
    );
  }

  count(table: string, n: number) {
    this.rows[table] = (this.rows[table] ?? 0) + n;
  }
}

async function rows(db: Tx, query: RawBuilder<unknown>): Promise<Row[]> {
  return (await db.executeQuery<Row>(query.compile(db))).rows;
}

/** Multi-row inserts, sized under both stores' limits on bound values. */
async function insert(db: Tx, table: string, page: Row[], onConflict: 'fail' | 'skip') {
  if (!page.length) return;
  const columns = Object.keys(page[0] as Row);
  const perInsert = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < page.length; i += perInsert) {
    const chunk = page.slice(i, i + perInsert);
    const values = sql.join(chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`));
    const conflict = onConflict === 'skip' ? sql`ON CONFLICT DO NOTHING` : sql``;
    await db.executeQuery(
      sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
          VALUES ${values} ${conflict}`.compile(db),
    );
  }
}

/** One pass's entries (sorted by version) in the order their balances chain. */
export function chained(entries: Row[]): Row[] {
  const out: Row[] = [];
  let balance = 0;
  let i = 0;
  while (i < entries.length) {
    let j = i;
    while (j < entries.length && entries[j]?.version === entries[i]?.version) j++;
    const group = entries.slice(i, j);
    while (group.length) {
      const next = group.findIndex(
        (e) => (e.balance_after as number) - (e.delta as number) === balance,
      );
      if (next < 0) {
        throw new CopyError(
          `Pass ${String(entries[i]?.pass_id)}: its credit log does not chain at version ${String(entries[i]?.version)}.`,
        );
      }
      const [entry] = group.splice(next, 1) as [Row];
      out.push(entry);
      balance = entry.balance_after as number;
    }
    i = j;
  }
  return out;
}
