import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../db/connection.js';
import { claimDueMailQuery } from '../repositories/mail.repository.js';

/**
 * Every app server polls the queue every few seconds: the claim must read
 * only mail still waiting (the partial index), never the sent history.
 */
it('claims from the index of waiting mail, not a scan of the queue', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-mail-plan-'));
  const { db, sqlite } = openDatabase(path.join(dir, 'turnout.db'));
  try {
    await migrateToLatest(db);
    const claim = claimDueMailQuery(db, 'me', 'now', 'later', 10).compile();
    const plan = sqlite
      .prepare(`EXPLAIN QUERY PLAN ${claim.sql}`)
      .all(...(claim.parameters as unknown[])) as { detail: string }[];
    const details = plan.map((p) => p.detail);
    expect(details).toContain('SCAN mail_queue USING INDEX mail_queue_due');
    expect(details.filter((d) => /^SCAN mail_queue$/.test(d))).toEqual([]);
    expect(details.some((d) => /TEMP B-TREE/.test(d))).toBe(false);
  } finally {
    await db.destroy();
  }
});
