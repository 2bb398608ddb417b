import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/connection.js';
import { startSmtpPeer, type SmtpPeer } from '../test/smtp-peer.js';
import { queueMail } from './queue.js';

/**
 * The app server as an operator runs it (`turnout serve` under tsx), killed
 * with SIGKILL while the mail server holds its mail mid-DATA: after a
 * restart the mail is sent, once.
 */
const serverDir = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
let peer: SmtpPeer | undefined;
let db: Db | undefined;

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
  await peer?.stop();
  await db?.destroy();
});

function startAppServer(
  dataDir: string,
  smtpUrl: string,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://club.example.org',
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Hill Gym <club@example.org>',
      // The shortest lease, so the restarted server takes the mail over soon.
      MAIL_LEASE_SECONDS: '10',
      PULL_WORKERS: '0',
      BACKUP_HOUR: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe('a crash mid-send', () => {
  it('sends the mail once after the killed app server is started again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnout-mail-crash-'));
    db = openDatabase(path.join(dataDir, 'turnout.db')).db;
    await migrateToLatest(db);
    await queueMail(db, {
      to: 'ada@example.org',
      locale: 'en',
      kind: 'password_reset',
      data: { name: 'Ada', link: 'https://club.example.org/reset/abc', expiresMinutes: 60 },
    });
    const row = () => db!.selectFrom('mail_queue').selectAll().executeTakeFirstOrThrow();

    peer = await startSmtpPeer();
    peer.stallData(true);
    const first = startAppServer(dataDir, peer.url);
    await peer.waitForData(1, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${first.output()}`);
    });
    const killed = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;

    // The dead server's claim is on the row; nothing was accepted.
    const held = await row();
    expect(held).toMatchObject({ attempts: 1, sent_at: null, failed_at: null });
    expect(held.claimed_by).not.toBeNull();
    expect(peer.messages).toHaveLength(0);

    peer.stallData(false);
    const second = startAppServer(dataDir, peer.url);
    const [mail] = await peer.waitForMessages(1, 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${second.output()}`);
    });
    expect(mail!.subject).toBe('Reset your Turnout password');
    expect(mail!.text).toContain('https://club.example.org/reset/abc');
    expect(mail!.messageId).toBe(`<${held.id}@club.example.org>`);

    // Marked sent by the new server: no sender claims it again.
    const stopped = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    await stopped;
    const sent = await row();
    expect(sent).toMatchObject({ attempts: 2, claimed_by: null, failed_at: null });
    expect(sent.sent_at).not.toBeNull();
    expect(sent.claimed_by).toBeNull();
    expect(peer.messages).toHaveLength(1);
    expect(peer.dataStarted).toBe(2);
  }, 120_000);
});
