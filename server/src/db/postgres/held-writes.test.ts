import { describe, expect, it } from 'vitest';
import { HeldWrites } from './held-writes.js';

const attendance =
  'INSERT INTO "attendance" ("id", "club_id", "note") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "note" = excluded."note"';
const credit = 'INSERT INTO credit_log (id, pass_id, delta) VALUES ($1, $2, $3)';
const log = "INSERT INTO mutation_log (id, status, resolved_at) VALUES ($1, 'a?($9)', NULL)";

describe('held writes', () => {
  it('sends the held rows as one statement per table, attendance before credit log before mutation log', () => {
    const held = new HeldWrites();
    for (const n of [1, 2]) {
      expect(held.hold(attendance, [`a${n}`, 'c', null])).toBe(true);
      expect(held.hold(credit, [`e${n}`, 'p', -1])).toBe(true);
      expect(held.hold(log, [`m${n}`])).toBe(true);
    }
    expect(held.size).toBe(6);
    const sent = held.take();
    expect(sent.map((s) => s.sql)).toEqual([
      'INSERT INTO "attendance" ("id", "club_id", "note") VALUES ($1, $2, $3), ($4, $5, $6) ON CONFLICT ("id") DO UPDATE SET "note" = excluded."note"',
      'INSERT INTO credit_log (id, pass_id, delta) VALUES ($1, $2, $3), ($4, $5, $6)',
      // Quoted text keeps its look-alikes of placeholders and parentheses.
      "INSERT INTO mutation_log (id, status, resolved_at) VALUES ($1, 'a?($9)', NULL), ($2, 'a?($9)', NULL)",
    ]);
    expect(sent.map((s) => s.params)).toEqual([
      ['a1', 'c', null, 'a2', 'c', null],
      ['e1', 'p', -1, 'e2', 'p', -1],
      ['m1', 'm2'],
    ]);
    expect(sent.every((s) => s.oneOff)).toBe(true);
    expect(held.size).toBe(0);
    expect(held.take()).toEqual([]);
  });

  it('sends a lone row with its own text, to be prepared once', () => {
    const held = new HeldWrites();
    held.hold(credit, ['e1', 'p', -1]);
    expect(held.take()).toEqual([{ sql: credit, params: ['e1', 'p', -1], oneOff: false }]);
  });

  it('does not put an upsert key twice in one statement', () => {
    const held = new HeldWrites();
    expect(held.hold(attendance, ['a1', 'c', 'first'])).toBe(true);
    expect(held.hold(attendance, ['a1', 'c', 'second'])).toBe(false);
    expect(held.take()).toHaveLength(1);
    expect(held.hold(attendance, ['a1', 'c', 'second'])).toBe(true);
  });

  it('holds one text per table at a time', () => {
    const held = new HeldWrites();
    expect(held.hold(credit, ['e1', 'p', -1])).toBe(true);
    expect(held.hold('INSERT INTO credit_log (id, pass_id) VALUES ($1, $2)', ['e2', 'p'])).toBe(
      false,
    );
  });

  it('holds nothing else: other tables, updates, RETURNING, upserts on a computed key', () => {
    const held = new HeldWrites();
    expect(held.hold('INSERT INTO passes (id) VALUES ($1)', ['p'])).toBe(false);
    expect(held.hold('UPDATE attendance SET note = $1 WHERE id = $2', ['n', 'a'])).toBe(false);
    expect(held.hold('INSERT INTO credit_log (id) VALUES ($1) RETURNING id', ['e'])).toBe(false);
    expect(
      held.hold(
        'INSERT INTO attendance (id, note) VALUES (lower($1), $2) ON CONFLICT (id) DO NOTHING',
        ['a', 'n'],
      ),
    ).toBe(false);
    expect(held.size).toBe(0);
  });

  it('splits rows over statements below PostgreSQL’s limit on bound values', () => {
    const held = new HeldWrites();
    const wide = `INSERT INTO mutation_log (${Array.from({ length: 20 }, (_, i) => `c${i}`).join(', ')}) VALUES (${Array.from({ length: 20 }, (_, i) => `$${i + 1}`).join(', ')})`;
    for (let i = 0; i < 4000; i++)
      held.hold(
        wide,
        Array.from({ length: 20 }, () => i),
      );
    const sent = held.take();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((s) => s.params.length <= 30_000)).toBe(true);
    expect(sent.reduce((n, s) => n + s.params.length, 0)).toBe(4000 * 20);
    expect(sent.at(-1)!.sql).toContain(`$${sent.at(-1)!.params.length})`);
  });

  it('forgets what is held when discarded', () => {
    const held = new HeldWrites();
    held.hold(credit, ['e1', 'p', -1]);
    held.discard();
    expect(held.size).toBe(0);
    expect(held.take()).toEqual([]);
  });
});
