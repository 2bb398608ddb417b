import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '../../app.js';
import { setUpClub, startTestServer, type TestServer } from '../../test/harness.js';
import { freshPostgresDatabase, testStores } from '../../test/stores.js';
import { copyClubCommand, openStoreAt } from './command.js';
import { CopyError } from './copy-club.js';

/** `turnout copy-club`: from the server's SQLite file to a PostgreSQL URL or another SQLite file. */
describe.each(testStores())('turnout copy-club --to a %s store', (kind) => {
  let server: TestServer;
  let clubId: string;
  let target: string;
  let drop = async () => {};

  beforeAll(async () => {
    server = await startTestServer();
    clubId = (await setUpClub(server, 'Moving club')).clubId;
    if (kind === 'postgres') {
      const database = await freshPostgresDatabase();
      target = database.url;
      drop = database.drop;
    } else {
      target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-copy-')), 'target.db');
    }
  });
  afterAll(async () => {
    await server?.close();
    await drop();
  });

  it('copies every club of the source and says how much', async () => {
    const source = databaseFile(server.deps.config);
    const lines = await copyClubCommand(['--to', target], source);
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^Copied club ${clubId}: \\d+ rows \\(clubs 1, users 1, .*memberships 1`),
      ),
    ]);
    const copied = await openStoreAt(target);
    try {
      const clubs = await copied.selectFrom('clubs').select(['id', 'name']).execute();
      expect(clubs).toEqual([{ id: clubId, name: 'Moving club' }]);
    } finally {
      await copied.destroy();
    }
    await expect(copyClubCommand(['--to', target, '--club', clubId], source)).rejects.toThrow(
      /already holds club/,
    );
  });

  it('asks for a target', async () => {
    await expect(copyClubCommand([], 'unused.db')).rejects.toThrow(CopyError);
  });
});
