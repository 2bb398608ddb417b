import pg from 'pg';
import { v7 } from 'uuid';

/**
 * The PostgreSQL floor of the push bench: one `pg.Client` on a freshly
 * migrated database doing the row writes Turnout does for each check-in —
 * an attendance row, a credit-log entry (whose trigger checks that
 * balance_after is the pass's balance − 1 and moves the balance), a
 * mutation-log row — in one transaction per batch, with multi-row INSERTs.
 * No rule, no validation, no HTTP, no JSON, no cluster-wide write lock: what
 * PostgreSQL allows for these rows. The setup rows mirror push.bench.ts's
 * SQLite floor (short ids; the written rows get UUIDs, as there).
 */
export async function measurePgFloor(
  url: string,
  options: { members: number; batch: number; total: number },
): Promise<number> {
  const { members, batch, total } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const now = new Date().toISOString();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const q = (text: string, params: unknown[] = []) => client.query(text, params);
    await q('BEGIN');
    await q(`INSERT INTO clubs (id, name, timezone, created_at) VALUES ('c', 'Floor', 'UTC', $1)`, [
      now,
    ]);
    await q(
      `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u', 'u@x', 'U', 'x', $1)`,
      [now],
    );
    await q(
      `INSERT INTO pass_templates (id, club_id, names, sessions, price_minor, currency, validity_days, version)
       VALUES ('t', 'c', '{}', 100, 0, 'EUR', 365, 1)`,
    );
    const sessions = Math.ceil(total / members);
    for (let s = 0; s < sessions; s++) {
      await q(
        `INSERT INTO sessions (id, club_id, title, starts_at, ends_at, version) VALUES ($1, 'c', 'S', $2, $3, 1)`,
        [`s${s}`, now, later],
      );
    }
    for (let m = 0; m < members; m++) {
      await q(
        `INSERT INTO users (id, email, name, password_hash, created_at) VALUES ($1, $2, 'M', 'x', $3)`,
        [`u${m}`, `u${m}@x`, now],
      );
      await q(
        `INSERT INTO memberships (id, club_id, user_id, role, created_at) VALUES ($1, 'c', $2, 'member', $3)`,
        [`m${m}`, `u${m}`, now],
      );
      await q(
        `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at, expires_on, version)
         VALUES ($1, 'c', $2, 't', '{}', '2026-01-01', $3, '2099-01-01', 1)`,
        [`p${m}`, `m${m}`, now],
      );
      await q(
        `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, by_member_id, at, version)
         VALUES ($1, 'c', $2, $3, 100, 'granted', 100, 'm0', $4, 1)`,
        [`g${m}`, `p${m}`, `m${m}`, now],
      );
    }
    await q('COMMIT');

    const host = 'm0';
    const writeBatch = async (items: { s: number; m: number; seq: number }[]) => {
      await q('BEGIN');
      const passIds = items.map(({ m }) => `p${m}`);
      const { rows } = await q(`SELECT id, balance FROM passes WHERE id = ANY($1)`, [passIds]);
      const balances = new Map(
        (rows as { id: string; balance: number }[]).map((r) => [r.id, r.balance]),
      );
      const attendance: unknown[] = [];
      const log: unknown[] = [];
      const mutations: unknown[] = [];
      for (const { s, m, seq } of items) {
        const row = v7();
        const [session, member, pass] = [`s${s}`, `m${m}`, `p${m}`];
        const after = balances.get(pass)! - 1;
        balances.set(pass, after);
        attendance.push(row, session, member, JSON.stringify([{ passId: pass, credits: 1 }]));
        log.push(v7(), pass, member, after, row, session);
        mutations.push(row, seq, JSON.stringify({ sessionId: session, memberId: member }));
      }
      await q(
        `INSERT INTO attendance (id, club_id, session_id, member_id, credits, charges, checked_in_at, updated_at, by_member_id, version)
         VALUES ${values(items.length, 4, (p) => `(${p[0]}, 'c', ${p[1]}, ${p[2]}, 1, ${p[3]}, $1, $1, '${host}', 2)`, 1)}`,
        [now, ...attendance],
      );
      await q(
        `INSERT INTO credit_log (id, club_id, pass_id, member_id, delta, kind, balance_after, attendance_id, session_id, by_member_id, at, version)
         VALUES ${values(items.length, 6, (p) => `(${p[0]}, 'c', ${p[1]}, ${p[2]}, -1, 'charged_checkin', ${p[3]}, ${p[4]}, ${p[5]}, '${host}', $1, 2)`, 1)}`,
        [now, ...log],
      );
      await q(
        `INSERT INTO mutation_log (id, club_id, client_id, seq, user_id, member_id, name, args, occurred_at, judged_at, received_at, status, server_version)
         VALUES ${values(items.length, 3, (p) => `(${p[0]}, 'c', 'dev', ${p[1]}, 'u', '${host}', 'checkin.create', ${p[2]}, $1, $1, $1, 'applied', 2)`, 1)}`,
        [now, ...mutations],
      );
      await q('COMMIT');
    };
    const items = Array.from({ length: total }, (_, i) => ({
      s: Math.floor(i / members),
      m: i % members,
      seq: i,
    }));
    const started = performance.now();
    for (let i = 0; i < total; i += batch) await writeBatch(items.slice(i, i + batch));
    const perSecond = total / ((performance.now() - started) / 1000);
    // The trigger moved every balance: one credit per check-in, none lost.
    const { rows } = await q(`SELECT sum(balance)::int AS left FROM passes`);
    if ((rows[0] as { left: number }).left !== members * 100 - total) {
      throw new Error('floor balances do not add up');
    }
    return perSecond;
  } finally {
    await client.end();
  }
}

/** `count` row tuples of `width` placeholders each, numbered after the first `offset`. */
function values(
  count: number,
  width: number,
  row: (placeholders: string[]) => string,
  offset: number,
): string {
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = offset + i * width;
    rows.push(row(Array.from({ length: width }, (_, k) => `$${base + k + 1}`)));
  }
  return rows.join(', ');
}
