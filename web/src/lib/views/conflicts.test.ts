import { errorMessages } from '@turnout/shared';
import { CLUB, HOST, MEMBER, OTHER, TZ, aSession, uuid } from '@turnout/shared/testing';
import { describe, expect, it } from 'vitest';
import type { AttentionEntry } from '$lib/db/database';
import { t } from '$lib/testing';
import {
  myNotes,
  noteText,
  refusalOf,
  sessionNotes,
  settledSince,
  type NoteContext,
} from './conflicts';

const yoga = aSession({ title: 'Tuesday Yoga' });
/** 17:52 in Berlin on the session's day (5:52 PM as the app's English writes it). */
const AT = '2025-03-11T16:52:00.000Z';
const ctx: NoteContext = {
  t,
  locale: 'en',
  timeZone: TZ,
  now: '2025-03-11T17:30:00.000Z',
  lateCancelMinutes: 60,
};

function entry(over: Partial<AttentionEntry> = {}): AttentionEntry {
  return {
    id: uuid(),
    clubId: CLUB,
    name: 'checkin.create',
    args: { sessionId: yoga.id, memberId: MEMBER },
    status: 'rejected',
    code: 'session_full',
    message: errorMessages.session_full,
    flags: [],
    explanation: {
      kind: 'place_taken',
      record: 'checkin',
      at: AT,
      device: 'Front desk tablet',
      memberName: 'Noah Quinn',
    },
    occurredAt: '2025-03-11T16:53:00.000Z',
    answeredAt: '2025-03-11T17:10:00.000Z',
    dismissed: 0,
    ...over,
  };
}

describe('notes on a session', () => {
  it('puts each refusal or flag on the row of the member it concerns, newest first', () => {
    const older = entry({ answeredAt: '2025-03-11T17:00:00.000Z' });
    const newer = entry({ name: 'checkin.void', answeredAt: '2025-03-11T17:20:00.000Z' });
    const flagged = entry({
      args: { sessionId: yoga.id, memberId: OTHER },
      status: 'applied',
      code: null,
      flags: ['over_capacity'],
    });
    const notes = sessionNotes([older, newer, flagged], yoga.id, HOST);
    expect(notes.count).toBe(3);
    expect(notes.byMember.get(MEMBER)?.map((n) => [n.id, n.action])).toEqual([
      [newer.id, 'void'],
      [older.id, 'checkin'],
    ]);
    expect(notes.byMember.get(OTHER)?.map((n) => n.refused)).toEqual([false]);
    expect(notes.session).toEqual([]);
  });

  it('leaves out other sessions and what was acknowledged; an own change names the sender', () => {
    const mine = entry({ args: { sessionId: yoga.id } });
    const notes = sessionNotes(
      [
        mine,
        entry({ args: { sessionId: uuid(), memberId: MEMBER } }),
        entry({ dismissed: 1 }),
        entry({ name: 'pass.grant', args: { passId: uuid() } }),
      ],
      yoga.id,
      MEMBER,
    );
    expect(myNotes(notes, MEMBER).map((n) => n.id)).toEqual([mine.id]);
    expect(notes.count).toBe(1);
  });

  it('puts a walk-in’s refusal on the guest’s row', () => {
    const guestId = uuid();
    const walkIn = entry({ name: 'guest.checkIn', args: { sessionId: yoga.id, guestId } });
    const notes = sessionNotes([walkIn], yoga.id, HOST);
    expect(notes.byMember.get(guestId)?.map((n) => n.action)).toEqual(['checkin']);
  });

  it('keeps a scanned code’s refusal on the session: its member is inside the code', () => {
    const scanned = entry({ name: 'checkin.byCode', args: { sessionId: yoga.id, code: 'x' } });
    const notes = sessionNotes([scanned], yoga.id, HOST);
    expect(notes.session.map((n) => n.id)).toEqual([scanned.id]);
    expect(notes.byMember.size).toBe(0);
  });
});

describe('what a note says', () => {
  const only = (e: AttentionEntry, me = HOST) => {
    const notes = sessionNotes([e], yoga.id, me);
    return [...notes.byMember.values()][0]![0]!;
  };

  it('names the winner, the time and the device name to a host', () => {
    expect(noteText(only(entry()), ctx)).toBe(
      'Check-in refused: the last spot went to Noah Quinn, checked in at 5:52 PM on Front desk tablet.',
    );
  });

  it('gives a member the time and the device, never who, in their own words', () => {
    const e = entry({
      args: { sessionId: yoga.id },
      explanation: { kind: 'place_taken', record: 'signup', at: AT, device: null },
    });
    expect(noteText(only(e, MEMBER), ctx, true)).toBe(
      'Your check-in was refused: the last spot was taken by a sign-up at 5:52 PM.',
    );
  });

  it('says where the last credit went', () => {
    const e = entry({
      code: 'insufficient_credits',
      explanation: {
        kind: 'credit_used',
        record: 'checkin',
        at: AT,
        device: 'Mia’s phone',
        sessionTitle: 'Morning Pilates',
      },
    });
    expect(noteText(only(e), ctx)).toBe(
      'Check-in refused: the last credit went to Morning Pilates: a check-in at 5:52 PM on Mia’s phone.',
    );
  });

  it('shows the date with the time when it was another day', () => {
    const e = entry({
      explanation: {
        kind: 'place_taken',
        record: 'checkin',
        at: '2025-03-10T16:52:00.000Z',
        device: null,
      },
    });
    expect(noteText(only(e), ctx)).toMatch(/taken by a check-in at Mar 10, 2025, 5:52 PM\.$/);
  });

  it('words other refusals from the code and the explanation’s data, never the server’s English', () => {
    const e = entry({
      code: 'check_in_closed',
      message: `${errorMessages.check_in_closed} It opens at 17:30.`,
      explanation: null,
    });
    expect(noteText(only(e), ctx)).toBe(
      'Check-in refused: Check-in is not open for this session right now.',
    );
    const explained = entry({
      code: 'already_checked_in',
      message: `${errorMessages.already_checked_in} Recorded at 17:52 on Tablet.`,
      explanation: { kind: 'checked_in', at: '2026-03-10T16:52:00.000Z', device: 'Tablet' },
    });
    expect(noteText(only(explained), { ...ctx, locale: 'de' })).toMatch(
      /^Check-in refused: Already checked in to this session\. Recorded at .+ on Tablet\.$/,
    );
    const unknown = entry({
      code: 'newer_code' as never,
      message: 'Newer words.',
      explanation: null,
    });
    expect(noteText(only(unknown), ctx)).toBe('Check-in refused: Newer words.');
  });

  it('tells a flagged change as accepted with its note', () => {
    const e = entry({ status: 'applied', code: null, flags: ['over_capacity'], explanation: null });
    expect(noteText(only(e), ctx)).toBe(
      'Accepted with a note: The session was full by then: the check-in was recorded over capacity.',
    );
  });

  it('says a refused check-in was settled once the member is checked in after all', () => {
    const note = only(entry());
    expect(settledSince(note, true)).toBe(true);
    expect(settledSince(note, false)).toBe(false);
    expect(settledSince(only(entry({ name: 'checkin.void' })), true)).toBe(false);
  });
});

describe('a success message that the server took back', () => {
  it('is found by the id of the change it announced', () => {
    const refused = entry();
    const flagged = entry({ status: 'applied', flags: ['unpaid'] });
    expect(refusalOf([flagged, refused], refused.id)).toBe(refused);
    expect(refusalOf([flagged, refused], flagged.id)).toBeUndefined();
    expect(refusalOf([refused], null)).toBeUndefined();
  });
});
