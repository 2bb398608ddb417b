import { describe, expect, it } from 'vitest';
import {
  aCreditLogEntry,
  aMember,
  aPass,
  aPassRequest,
  aTemplate,
  MEMBER,
  OWNER,
} from '@turnout/shared/testing';
import { fmt, replicaOf, t } from '$lib/testing';
import { logText, myRequests, olderLogLines } from './passes';

describe('olderLogLines', () => {
  it('adds the entries the server sent that the device lacks, naming each session and its date', () => {
    const p = aPass();
    const held = aCreditLogEntry({ passId: p.id, kind: 'charged_checkin', delta: -1 });
    const old = aCreditLogEntry({
      passId: p.id,
      kind: 'charged_checkin',
      delta: -1,
      sessionId: 'gone-from-device',
      byMemberId: MEMBER,
      at: '2024-11-05T17:05:00.000Z',
    });
    const view = replicaOf({
      passes: [p],
      creditLog: [held],
      members: [aMember({ memberId: MEMBER, name: 'Mia Member' })],
    });
    const lines = olderLogLines(
      view,
      MEMBER,
      [
        { entry: held, session: null },
        {
          entry: old,
          session: {
            id: 'gone-from-device',
            title: 'Old Yoga',
            startsAt: '2024-11-05T17:00:00.000Z',
          },
        },
        { entry: aCreditLogEntry({ passId: p.id, byMemberId: OWNER }), session: null },
      ],
      new Set([held.id]),
    );
    expect(lines.map((l) => logText(l, t, fmt))).toEqual([
      'Charged at check-in for Old Yoga (Tue 5 Nov, 18:00)',
      'Pass granted',
    ]);
    expect(lines[0]).toMatchObject({ by: { self: true }, pending: false });
  });
});

describe('a withdrawal waiting to sync', () => {
  it('marks its request as waiting, like a new request', () => {
    const ten = aTemplate();
    const request = aPassRequest({ templateId: ten.id, status: 'withdrawn' });
    const view = replicaOf({ templates: [ten], passRequests: [request] });
    const pending = [{ id: 'm1', name: 'passRequest.withdraw', args: { requestId: request.id } }];
    expect(myRequests(view, MEMBER, { locale: 'en', pending })[0]).toMatchObject({
      pending: true,
      request: { status: 'withdrawn' },
    });
  });
});
