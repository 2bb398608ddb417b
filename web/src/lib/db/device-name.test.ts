import 'fake-indexeddb/auto';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { TurnoutDb } from './database';
import { deviceMeta, enqueue, renameDevice } from './outbox';

describe('naming this device', () => {
  it('keeps the name people choose, trimmed, with the same identity and seq counter', async () => {
    const db = new TurnoutDb(`device-${v7()}`);
    const before = await deviceMeta(db);
    expect(before.deviceLabel).toMatch(/^Browser on /);
    expect(before.deviceNamed).toBeUndefined();
    await enqueue(db, {
      clubId: 'c',
      memberId: 'm',
      name: 'session.cancel',
      args: { sessionId: 's' },
      occurredAt: new Date().toISOString(),
    });
    expect(await renameDevice(db, '  Front desk tablet ')).toBe('Front desk tablet');
    const after = await deviceMeta(db);
    expect(after).toMatchObject({
      clientId: before.clientId,
      deviceLabel: 'Front desk tablet',
      deviceNamed: true,
    });
    const next = await enqueue(db, {
      clubId: 'c',
      memberId: 'm',
      name: 'session.cancel',
      args: { sessionId: 't' },
      occurredAt: new Date().toISOString(),
    });
    expect(next.seq).toBe(2);
  });

  it('refuses what the server would refuse, and keeps the old name', async () => {
    const db = new TurnoutDb(`device-${v7()}`);
    await renameDevice(db, 'Door');
    for (const bad of ['', '   ', 'x'.repeat(61), 'Front\ndesk']) {
      expect(await renameDevice(db, bad)).toBeNull();
    }
    expect((await deviceMeta(db)).deviceLabel).toBe('Door');
  });
});
