import { describe, expect, it } from 'vitest';
import { aClubSettings } from '@turnout/shared/testing';
import {
  attentionActions,
  canReinstate,
  isConnectionFailure,
  lastDays,
  mutationLabel,
  passStateChart,
  rangeInput,
  rangeProblem,
  rangeProblemText,
  reportAccess,
  safeFilename,
  thisMonth,
  type AttentionItem,
  type TemplateReport,
} from './manage-reports';

describe('who sees which report', () => {
  it('follows the procedures’ minimum roles', () => {
    expect(reportAccess('owner', aClubSettings())).toEqual({
      templates: true,
      expiring: true,
      sessions: true,
      attention: true,
      exports: true,
    });
    expect(reportAccess('host', aClubSettings())).toEqual({
      templates: false,
      expiring: false,
      sessions: true,
      attention: true,
      exports: false,
    });
    expect(reportAccess('host', aClubSettings({ hostsCanManagePasses: true })).expiring).toBe(true);
    expect(Object.values(reportAccess('member', aClubSettings())).some(Boolean)).toBe(false);
  });
});

describe('online only', () => {
  it('tells a call that never reached the server from a refusal', () => {
    expect(isConnectionFailure({ code: 'network', message: '', fields: {} })).toBe(true);
    expect(isConnectionFailure({ code: 'not_permitted', message: '', fields: {} })).toBe(false);
  });
});

describe('date ranges', () => {
  it('offers the last days and this month, both ends included', () => {
    expect(lastDays('2025-03-10', 30)).toEqual({ from: '2025-02-09', to: '2025-03-10' });
    expect(lastDays('2025-03-10', 1)).toEqual({ from: '2025-03-10', to: '2025-03-10' });
    expect(thisMonth('2025-03-10')).toEqual({ from: '2025-03-01', to: '2025-03-10' });
  });

  it('finds a missing end (when both are needed) or a range ending before it starts', () => {
    expect(rangeProblem('2025-03-01', '2025-03-10', true)).toBeNull();
    expect(rangeProblem('2025-03-01', '2025-03-01', true)).toBeNull();
    expect(rangeProblem('', '2025-03-10', true)).toBe('missing');
    expect(rangeProblem('', '2025-03-10', false)).toBeNull();
    expect(rangeProblem('2025-03-11', '2025-03-10', false)).toBe('order');
  });

  it('words a range problem from the catalogue, and says nothing when there is none', () => {
    const t = (key: string) => key;
    expect(rangeProblemText('order', t)).toBe('manageReports.rangeOrder');
    expect(rangeProblemText('missing', t)).toBe('manageReports.rangeMissing');
    expect(rangeProblemText(null, t)).toBeUndefined();
  });

  it('leaves empty ends out of the input', () => {
    expect(rangeInput('', '')).toEqual({});
    expect(rangeInput('2025-03-01', '')).toEqual({ from: '2025-03-01' });
  });
});

describe('pass analytics chart', () => {
  const figures = (
    names: Record<string, string>,
    over: Partial<TemplateReport['templates'][number]>,
  ) => ({
    templateId: '30000000-0000-4000-8000-000000000001',
    names,
    priceMinor: 1000,
    currency: 'EUR',
    deletedAt: null,
    granted: 0,
    revenue: [],
    sessionsUsed: 0,
    activeNow: 0,
    usedUp: 0,
    deactivated: 0,
    expired: 0,
    ...over,
  });

  it('stacks each template’s passes by where they stand, leaving out templates without passes', () => {
    const report = {
      today: '2025-03-10',
      from: null,
      to: null,
      templates: [
        figures({ en: 'Ten', de: 'Zehn' }, { activeNow: 3, expired: 2 }),
        figures({ en: 'Unused' }, {}),
        figures({ en: 'Year' }, { usedUp: 1, deactivated: 1 }),
      ],
      totals: {
        granted: 0,
        revenue: [],
        sessionsUsed: 0,
        activeNow: 3,
        usedUp: 1,
        deactivated: 1,
        expired: 2,
      },
    } satisfies TemplateReport;
    expect(passStateChart(report, 'de', ['en'])).toEqual({
      labels: ['Zehn', 'Year'],
      series: [
        { state: 'activeNow', values: [3, 0] },
        { state: 'usedUp', values: [0, 1] },
        { state: 'deactivated', values: [0, 1] },
        { state: 'expired', values: [2, 0] },
      ],
    });
  });
});

describe('needs attention', () => {
  const item = (over: Partial<AttentionItem> = {}): AttentionItem => ({
    id: '30000000-0000-4000-8000-000000000010',
    kind: 'flagged',
    mutation: 'checkin.create',
    args: {},
    code: null,
    message: null,
    explanation: null,
    flags: ['unpaid'],
    occurredAt: '2025-03-10T17:00:00.000Z',
    receivedAt: '2025-03-10T17:05:00.000Z',
    by: { memberId: '30000000-0000-4000-8000-000000000011', name: 'Hank Host' },
    device: { clientId: '30000000-0000-4000-8000-000000000012', label: 'Front desk' },
    session: {
      sessionId: '30000000-0000-4000-8000-000000000013',
      title: 'Yoga',
      startsAt: '2025-03-10T17:00:00.000Z',
      status: 'scheduled',
    },
    member: { memberId: '30000000-0000-4000-8000-000000000014', name: 'Ada' },
    attendance: {
      credits: 1,
      unpaidCredits: 1,
      flags: ['unpaid'],
      voided: false,
      voidReason: null,
    },
    resolution: null,
    group: null,
    ...over,
  });

  it('names what the logged change was', () => {
    expect(mutationLabel('checkin.create')).toBe('checkIn');
    expect(mutationLabel('signup.cancel')).toBe('signOut');
    expect(mutationLabel('club.updateSettings')).toBe('other');
    expect(mutationLabel('toString')).toBe('other');
  });

  it('offers charging an unpaid check-in that still owes, and granting a pass first when allowed', () => {
    expect(attentionActions(item(), true)).toEqual([
      'charge',
      'grantAndCharge',
      'accept',
      'dismiss',
    ]);
    expect(attentionActions(item(), false)).toEqual(['charge', 'accept', 'dismiss']);
  });

  it('offers only accept or dismiss once nothing is owed, and nothing once resolved', () => {
    const settled = item({
      attendance: { credits: 1, unpaidCredits: 0, flags: [], voided: false, voidReason: null },
    });
    expect(attentionActions(settled, true)).toEqual(['accept', 'dismiss']);
    const voided = item({
      attendance: {
        credits: 1,
        unpaidCredits: 1,
        flags: ['unpaid'],
        voided: true,
        voidReason: 'x',
      },
    });
    expect(attentionActions(voided, true)).toEqual(['accept', 'dismiss']);
    const done = item({
      resolution: {
        resolution: 'accepted',
        note: null,
        resolvedAt: '2025-03-11T08:00:00.000Z',
        resolvedBy: { memberId: '30000000-0000-4000-8000-000000000015', name: 'Olga' },
      },
    });
    expect(attentionActions(done, true)).toEqual([]);
  });

  it('dismisses refusals with their group, however many', () => {
    const refused = item({
      kind: 'refused',
      flags: [],
      code: 'session_full',
      attendance: null,
      group: {
        count: 300,
        firstReceivedAt: '2025-03-10T17:02:00.000Z',
        lastReceivedAt: '2025-03-10T17:40:00.000Z',
        dismissalId: null,
      },
    });
    expect(attentionActions(refused, true)).toEqual(['dismissGroup']);
    const dismissed = item({
      ...refused,
      group: { ...refused.group!, dismissalId: '30000000-0000-4000-8000-000000000016' },
      resolution: {
        resolution: 'dismissed',
        note: null,
        resolvedAt: '2025-03-11T08:00:00.000Z',
        resolvedBy: { memberId: '30000000-0000-4000-8000-000000000015', name: 'Olga' },
      },
    });
    expect(attentionActions(dismissed, true)).toEqual([]);
  });

  it('offers the owner to check in after all a check-in refused for a full session or missing credits', () => {
    const refused = item({
      kind: 'refused',
      mutation: 'checkin.create',
      flags: [],
      code: 'session_full',
      attendance: null,
      group: {
        count: 1,
        firstReceivedAt: '2025-03-10T17:02:00.000Z',
        lastReceivedAt: '2025-03-10T17:02:00.000Z',
        dismissalId: null,
      },
    });
    expect(attentionActions(refused, true, 'owner')).toEqual(['reinstate', 'dismissGroup']);
    expect(attentionActions(refused, true, 'host')).toEqual(['dismissGroup']);
    expect(canReinstate({ ...refused, code: 'insufficient_credits' }, 'owner')).toBe(true);
    expect(canReinstate({ ...refused, code: 'check_in_closed' }, 'owner')).toBe(false);
    expect(canReinstate({ ...refused, mutation: 'signup.create' }, 'owner')).toBe(false);
    expect(canReinstate({ ...refused, member: null }, 'owner')).toBe(false);
  });
});

describe('exports', () => {
  it('keeps the server’s file name, without characters a file system refuses', () => {
    expect(safeFilename('attendance-riverside-2025-03-01-to-2025-03-10.csv', 'x.csv')).toBe(
      'attendance-riverside-2025-03-01-to-2025-03-10.csv',
    );
    expect(safeFilename('../a/b:c.csv', 'x.csv')).toBe('-a-b-c.csv');
    expect(safeFilename('', 'x.csv')).toBe('x.csv');
  });
});
