import {
  emptyEffects,
  occupancy,
  pullTables,
  Replica,
  rowKey,
  type CreditLogEntry,
  type PullChanges,
  type PulledDoor,
  type PulledMember,
  type PullRows,
  type PullTable,
  type SessionCount,
} from '@turnout/shared';
import { CLUB, memberIdOf, NOW } from '@turnout/shared/testing';
import type { Selectable } from 'kysely';
import {
  migrateToLatest,
  openDatabase,
  statementsOf,
  type OpenedDatabase,
} from '../../db/connection.js';
import type { Statements } from '../../db/statements.js';
import type { CreditLogTable } from '../../db/tables/domain.tables.js';
import { settingsToRow } from '../../repositories/clubs.repository.js';
import { pulledDoorOf } from '../../repositories/door.repository.js';
import { nextVersion, writeEffects } from '../../repositories/domain.repository.js';
import { creditLogFromRow } from '../../repositories/domain.rows.js';
import type { ClubState } from './club-state.js';
import { doorPassRow } from './door-passes.js';

/**
 * One club state, twice: in a real SQLite database written by the server's
 * own writer (so every guard of the schema holds it), and in a replica
 * holding what an owner's device would have pulled of it.
 */

export interface ClubDatabase extends OpenedDatabase {
  st: Statements;
}

/** A fresh database file, migrated, with no club yet. */
export async function clubDatabase(file: string): Promise<ClubDatabase> {
  const opened = openDatabase(file);
  await migrateToLatest(opened.db);
  return { ...opened, st: statementsOf(opened.db) };
}

/** What a device pulls of the club that only the server's database can tell. */
export interface Pulled {
  /** The credit log as stored (ids given by the server). */
  creditLog: CreditLogEntry[];
  /** `club.door` as the server's pull at NOW sends it (absent before the club has a key). */
  door: PulledDoor | undefined;
}

/**
 * Writes the club into the database and runs `use` with what a device
 * pulls of it that the state alone does not say; then undoes it all. One transaction per run keeps runs apart without a new file (and
 * new prepared statements) each time, which would cost more than the run.
 */
export function withClub<T>(store: ClubDatabase, state: ClubState, use: (pulled: Pulled) => T): T {
  const { st } = store;
  st.run('BEGIN');
  try {
    writeClub(st, state);
    const creditLog = st
      .all<Selectable<CreditLogTable>>(
        'SELECT * FROM credit_log WHERE club_id = ? ORDER BY rowid',
        [CLUB],
      )
      .map(creditLogFromRow);
    return use({ creditLog, door: pulledDoorOf(st, CLUB, NOW) });
  } finally {
    st.run('ROLLBACK');
  }
}

const CREATED = '2025-01-01T09:00:00.000Z';

function writeClub(st: Statements, state: ClubState): void {
  const club: Record<string, unknown> = {
    ...settingsToRow(state.settings),
    id: CLUB,
    name: 'Parity club',
    created_at: CREATED,
  };
  const columns = Object.keys(club);
  st.run(
    `INSERT INTO clubs (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    columns.map((c) => club[c]),
  );
  for (const m of state.members) {
    const userId = `user-${m.memberId}`;
    st.run(
      'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      [userId, `${m.memberId}@example.org`, m.name, 'not a hash', CREATED],
    );
    st.run(
      `INSERT INTO memberships (id, club_id, user_id, role, created_at, removed_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [m.memberId, CLUB, userId, m.role, CREATED, m.removed ? CREATED : null],
    );
  }
  // Passes start empty; their grants' credit-log entries give them their sessions.
  // Walk-ins with the server's own writer (an account that cannot log in, a membership, the guest).
  writeEffects(
    st,
    CLUB,
    {
      ...emptyEffects(),
      guests: state.guests,
      trainingTypes: state.trainingTypes,
      sessions: state.sessions,
      templates: state.templates,
      passRequests: state.passRequests,
      passes: state.passes,
      creditLog: state.grants,
    },
    nextVersion(st),
    null,
  );
  // Each member's records of a session as a change of its own, in an order unrelated to their times.
  for (const { signups, attendance, intents, creditLog } of state.records) {
    const effects = { ...emptyEffects(), signups, attendance, intents, creditLog };
    writeEffects(st, CLUB, effects, nextVersion(st), null);
  }
  for (const g of state.guests) {
    if (g.claimed)
      st.run('UPDATE guests SET claimed_at = ? WHERE member_id = ?', [CREATED, g.memberId]);
    if (g.removed) {
      st.run('UPDATE memberships SET removed_at = ? WHERE id = ?', [CREATED, g.memberId]);
    }
  }
  for (const t of state.ties) {
    st.run(
      `INSERT INTO dependants (member_id, club_id, guardian_id, kind, birth_year, added_at,
        added_by, removed_at, removed_by) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
      [
        t.memberId,
        CLUB,
        t.guardianId,
        t.kind,
        CREATED,
        t.guardianId,
        t.ended ? CREATED : null,
        t.ended ? t.guardianId : null,
      ],
    );
  }
  writeDoor(st, state.door);
  for (const p of state.passes) {
    const stored = st.one<{ balance: number }>('SELECT balance FROM passes WHERE id = ?', [p.id]);
    if (stored?.balance !== p.balance) {
      throw new Error(`Pass ${p.id} holds ${stored?.balance}, the state says ${p.balance}`);
    }
  }
}

/** The club's door key and the passes it issued (the private half is never read here: nothing is signed). */
function writeDoor(st: Statements, door: ClubState['door']): void {
  if (door.publicKey === null) return;
  st.run(
    'INSERT INTO door_keys (club_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)',
    [CLUB, door.publicKey, 'not kept in this test', CREATED],
  );
  // Only the revoked ones: no fact either side reads tells a live pass from one never issued.
  for (const { pass, revoked } of door.passes) {
    if (!revoked) continue;
    const row = doorPassRow(pass, revoked, memberIdOf(4));
    const columns = Object.keys(row) as (keyof typeof row)[];
    st.run(
      `INSERT INTO door_passes (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => row[c]),
    );
  }
}

/**
 * The club as an owner's device holds it: every row, and the session counts
 * the server's pull computes (the rulebook's `occupancy()`, waitlisted
 * sign-ups, "going" intents). Rows go in by key, as the device loads them
 * from IndexedDB (web/src/lib/sync/engine.ts loadReplica).
 */
export function ownerReplica(state: ClubState, pulled: Pulled): Replica {
  const signups = state.records.flatMap((r) => r.signups);
  const attendance = state.records.flatMap((r) => r.attendance);
  const intents = state.records.flatMap((r) => r.intents);
  const sessionCounts: SessionCount[] = state.sessions.map((s) => ({
    sessionId: s.id,
    occupancy: occupancy(
      signups.filter((x) => x.sessionId === s.id),
      attendance.filter((a) => a.sessionId === s.id),
    ),
    going: intents.filter((i) => i.sessionId === s.id && i.going).length,
    waitlisted: signups.filter((x) => x.sessionId === s.id && x.status === 'waitlisted').length,
  }));
  const rows: { [T in PullTable]: PullRows[T][] } = {
    club: [
      {
        id: CLUB,
        name: 'Parity club',
        settings: state.settings,
        ...(pulled.door ? { door: pulled.door } : {}),
      },
    ],
    members: [...state.members, ...state.guests.map(guestAsPulled)],
    trainingTypes: state.trainingTypes,
    series: [],
    sessions: state.sessions,
    sessionCounts,
    templates: state.templates,
    intents,
    signups,
    attendance,
    passes: state.passes,
    creditLog: [...pulled.creditLog],
    passRequests: state.passRequests,
    notifications: [],
  };
  const changes: PullChanges = {};
  for (const table of pullTables) {
    const keyOf = rowKey[table] as (row: unknown) => string;
    const put = [...(rows[table] as unknown[])].sort((a, b) =>
      keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0,
    );
    (changes as Record<string, unknown>)[table] = { put, del: [] };
  }
  const replica = new Replica(CLUB);
  replica.applyChanges(changes, true);
  return replica;
}

/** A walk-in as the member list sends it: marked a guest until someone claims them. */
function guestAsPulled(g: ClubState['guests'][number]): PulledMember {
  return {
    memberId: g.memberId,
    name: g.name,
    role: 'member',
    removed: g.removed,
    ...(g.claimed ? {} : { guest: true as const }),
  };
}
