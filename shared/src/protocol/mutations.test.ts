import { describe, expect, it } from 'vitest';
import {
  mutationArgs,
  mutationNames,
  parseMutationArgs,
  pushInput,
  pushResult,
} from './mutations.js';

const id = '01950000-0000-7000-8000-000000000001';
const id2 = '01950000-0000-7000-8000-000000000002';

describe('mutation catalogue', () => {
  it('names every mutation of the catalogue and the added ones', () => {
    expect(mutationNames).toEqual(
      expect.arrayContaining([
        'session.create',
        'session.update',
        'session.cancel',
        'intent.set',
        'signup.create',
        'signup.cancel',
        'checkin.create',
        'checkin.void',
        'checkin.adjust',
        'template.create',
        'template.update',
        'template.delete',
        'pass.grant',
        'pass.extend',
        'pass.addSessions',
        'pass.setActive',
        'pass.adjust',
        'passRequest.create',
        'passRequest.reject',
        'club.updateSettings',
        'series.create',
        'series.update',
        'trainingType.create',
        'trainingType.rename',
        'trainingType.archive',
        'checkin.settle',
        'attention.resolve',
        'attention.dismissGroup',
        'checkin.byCode',
        'dependant.add',
        'dependant.remove',
      ]),
    );
    // 31, passRequest.withdraw, and the two dependant mutations.
    expect(mutationNames).toHaveLength(34);
  });

  it('validates needs-attention resolutions and settlements', () => {
    expect(
      parseMutationArgs('attention.resolve', { itemId: id, resolution: 'charged', note: ' ok ' }),
    ).toEqual({
      ok: true,
      name: 'attention.resolve',
      args: { itemId: id, resolution: 'charged', note: 'ok' },
    });
    const unknown = parseMutationArgs('attention.resolve', { itemId: id, resolution: 'ignored' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0]?.path).toBe('resolution');
    expect(
      parseMutationArgs('attention.resolve', { itemId: 'x', resolution: 'dismissed' }).ok,
    ).toBe(false);
    expect(parseMutationArgs('checkin.settle', { sessionId: id, memberId: id2 }).ok).toBe(true);
    // The member is required: a settlement is always for someone's recorded debt.
    expect(parseMutationArgs('checkin.settle', { sessionId: id }).ok).toBe(false);
    expect(parseMutationArgs('attention.dismissGroup', { itemId: id, note: ' tester ' })).toEqual({
      ok: true,
      name: 'attention.dismissGroup',
      args: { itemId: id, note: 'tester' },
    });
    expect(parseMutationArgs('attention.dismissGroup', { itemId: id, note: '' }).ok).toBe(false);
  });

  it('validates session times and credits', () => {
    const ok = mutationArgs['session.create'].safeParse({
      sessionId: id,
      title: 'Yoga',
      startsAt: '2025-03-11T17:00:00Z',
      endsAt: '2025-03-11T18:00:00Z',
    });
    expect(ok.success).toBe(true);
    const backwards = mutationArgs['session.create'].safeParse({
      sessionId: id,
      title: 'Yoga',
      startsAt: '2025-03-11T18:00:00Z',
      endsAt: '2025-03-11T17:00:00Z',
    });
    expect(backwards.success).toBe(false);
    expect(mutationArgs['checkin.create'].safeParse({ sessionId: id, credits: 1.5 }).success).toBe(
      false,
    );
    expect(mutationArgs['checkin.create'].safeParse({ sessionId: id, credits: 0 }).success).toBe(
      false,
    );
    expect(mutationArgs['checkin.create'].safeParse({ sessionId: 'nope' }).success).toBe(false);
  });

  it('validates series, templates, adjustments and settings', () => {
    const series = {
      seriesId: id,
      weekdays: [2, 4],
      startTime: '18:00',
      durationMinutes: 90,
      fromDate: '2025-03-01',
      untilDate: '2025-06-30',
      title: 'Yoga',
    };
    expect(mutationArgs['series.create'].safeParse(series).success).toBe(true);
    expect(mutationArgs['series.create'].safeParse({ ...series, weekdays: [2, 2] }).success).toBe(
      false,
    );
    expect(mutationArgs['series.create'].safeParse({ ...series, startTime: '25:00' }).success).toBe(
      false,
    );
    expect(
      mutationArgs['series.create'].safeParse({ ...series, untilDate: '2028-01-01' }).success,
    ).toBe(false);
    const template = {
      templateId: id,
      names: { en: '10 classes' },
      sessions: 10,
      priceMinor: 9000,
      currency: 'EUR',
      validityDays: 60,
    };
    expect(mutationArgs['template.create'].safeParse(template).success).toBe(true);
    expect(
      mutationArgs['template.create'].safeParse({ ...template, priceMinor: 90.5 }).success,
    ).toBe(false);
    expect(mutationArgs['template.create'].safeParse({ ...template, names: {} }).success).toBe(
      false,
    );
    expect(
      mutationArgs['pass.adjust'].safeParse({ passId: id, delta: 0, reason: 'x' }).success,
    ).toBe(false);
    expect(
      mutationArgs['pass.adjust'].safeParse({ passId: id, delta: -2, reason: 'Refund' }).success,
    ).toBe(true);
    expect(mutationArgs['club.updateSettings'].safeParse({}).success).toBe(false);
    expect(
      mutationArgs['club.updateSettings'].safeParse({ creditPolicy: 'at_signup' }).success,
    ).toBe(true);
    expect(mutationArgs['trainingType.archive'].parse({ trainingTypeId: id })).toEqual({
      trainingTypeId: id,
      archived: true,
    });
  });

  it('parseMutationArgs reports unknown names and field issues', () => {
    expect(parseMutationArgs('pass.teleport', {})).toEqual({
      ok: false,
      issues: [{ path: 'name', message: 'Unknown mutation: pass.teleport' }],
    });
    const bad = parseMutationArgs('intent.set', { sessionId: id });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toBe('going');
    expect(parseMutationArgs('intent.set', { sessionId: id, going: true })).toMatchObject({
      ok: true,
      name: 'intent.set',
    });
  });

  it('push input: envelope shape and at most 1000 mutations', () => {
    const m = {
      id,
      clientId: id2,
      seq: 0,
      name: 'intent.set',
      args: { sessionId: id, going: true },
      occurredAt: '2025-03-11T17:00:00.000Z',
    };
    expect(pushInput.safeParse({ clubId: id2, clientId: id2, mutations: [m] }).success).toBe(true);
    expect(
      pushInput.safeParse({ clubId: id2, clientId: id2, mutations: [{ ...m, seq: -1 }] }).success,
    ).toBe(false);
    expect(
      pushInput.safeParse({
        clubId: id2,
        clientId: id2,
        mutations: Array.from({ length: 1001 }, () => m),
      }).success,
    ).toBe(false);
    expect(pushResult.safeParse({ id, status: 'applied', flags: ['over_capacity'] }).success).toBe(
      true,
    );
    expect(
      pushResult.safeParse({
        id,
        status: 'rejected',
        code: 'session_full',
        message: 'The session is full.',
      }).success,
    ).toBe(true);
    expect(pushResult.safeParse({ id, status: 'applied', flags: ['vip'] }).success).toBe(false);
  });
});
