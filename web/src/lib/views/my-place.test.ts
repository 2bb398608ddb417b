import {
  aClubSettings,
  anAttendance,
  anIntent,
  aSession,
  aSignup,
  memberIdOf,
} from '@turnout/shared/testing';
import type { ClubSettings } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import { keyT, replicaOf, t, type ReplicaRows } from '$lib/testing';
import { goingQuestion, myIntent, myPlace, placeBadge, placeSentence } from './my-place';
import { sessionCard } from './sessions';

const SESSION = '30000000-0000-4000-8000-000000000001';
const ME = memberIdOf(1);
// The session runs Tue 2025-03-11 18:00–19:00 Berlin (17:00Z).
const BEFORE = '2025-03-11T12:00:00Z';
const STARTED = '2025-03-11T17:10:00Z';

function cardOf(
  rows: Omit<ReplicaRows, 'sessions'> = {},
  options: { now?: string; cancelled?: boolean } = {},
) {
  const settings: ClubSettings = aClubSettings(rows.settings);
  const session = aSession({
    id: SESSION,
    capacity: 10,
    ...(options.cancelled ? { status: 'cancelled' as const } : {}),
  });
  const view = replicaOf({ sessions: [session], ...rows });
  const card = sessionCard(view, session, ME, settings, options.now ?? BEFORE);
  return { card: { ...card, myIntent: myIntent(view, SESSION, ME) }, settings };
}

const signup = (n: number, over: Parameters<typeof aSignup>[0] = {}) =>
  aSignup({ sessionId: SESSION, memberId: memberIdOf(n), ...over });
const intent = (going: boolean) => anIntent({ sessionId: SESSION, memberId: ME, going });

describe('my place in a session', () => {
  it('is nothing, with neither answer chosen, before I say anything', () => {
    const { card, settings } = cardOf();
    expect(myPlace(card, settings)).toEqual({ kind: 'none' });
    expect(goingQuestion(card, settings)).toEqual({ asked: true, answer: null });
    expect(placeSentence(myPlace(card, settings), t)).toBe('You are not signed up.');
    expect(placeBadge(myPlace(card, settings), keyT)).toBeNull();
  });

  it('is "going" or "not going" as I answered, with that answer chosen', () => {
    const yes = cardOf({ intents: [intent(true)] });
    expect(myPlace(yes.card, yes.settings)).toEqual({ kind: 'going' });
    expect(goingQuestion(yes.card, yes.settings)).toEqual({ asked: true, answer: 'going' });
    expect(placeBadge(myPlace(yes.card, yes.settings), keyT)).toBe('sessions.statusGoing');

    const no = cardOf({ intents: [intent(false)] });
    expect(myPlace(no.card, no.settings)).toEqual({ kind: 'not_going' });
    expect(goingQuestion(no.card, no.settings)).toEqual({ asked: true, answer: 'not_going' });
    expect(placeSentence(myPlace(no.card, no.settings), keyT)).toBe('session.status.notGoing');
    expect(placeBadge(myPlace(no.card, no.settings), keyT)).toBeNull();
  });

  it('is "signed up" once I booked, even if I said I was going, and no longer asks', () => {
    const { card, settings } = cardOf({ signups: [signup(1)], intents: [intent(true)] });
    expect(myPlace(card, settings)).toEqual({ kind: 'signed_up' });
    expect(goingQuestion(card, settings)).toEqual({ asked: false });
    expect(placeSentence(myPlace(card, settings), t)).toBe('You are signed up.');
  });

  it('is "checked in" once I came, signed up or not, and no longer asks', () => {
    const { card, settings } = cardOf(
      {
        signups: [signup(1)],
        attendance: [anAttendance({ sessionId: SESSION, memberId: ME })],
        intents: [intent(false)],
      },
      { now: STARTED },
    );
    expect(myPlace(card, settings)).toEqual({ kind: 'checked_in' });
    expect(goingQuestion(card, settings)).toEqual({ asked: false });
    expect(placeBadge(myPlace(card, settings), keyT)).toBe('sessions.statusCheckedIn');
  });

  it('is "waitlisted", with my number when the device knows it, and no longer asks', () => {
    const { card, settings } = cardOf({ signups: [signup(1, { status: 'waitlisted' })] });
    expect(myPlace(card, settings)).toEqual({ kind: 'waitlisted', rank: card.waitlistRank });
    expect(goingQuestion(card, settings)).toEqual({ asked: false });
    const known = { ...card, waitlistRank: 2 };
    expect(myPlace(known, settings)).toEqual({ kind: 'waitlisted', rank: 2 });
    expect(placeSentence(myPlace(known, settings), t)).toBe('You are on the waitlist, number 2.');
    expect(placeBadge(myPlace(known, settings), keyT)).toBe(
      'sessions.statusWaitlistedAt {"rank":2}',
    );
  });

  it('is "waitlisted" without a number when the device cannot tell it', () => {
    const { card, settings } = cardOf({ signups: [signup(1, { status: 'waitlisted' })] });
    const unknown = { ...card, waitlistRank: null };
    expect(myPlace(unknown, settings)).toEqual({ kind: 'waitlisted', rank: null });
    expect(placeSentence(myPlace(unknown, settings), t)).toBe('You are on the waitlist.');
    expect(placeBadge(myPlace(unknown, settings), keyT)).toBe('sessions.statusWaitlisted');
  });

  it('ignores a cancelled sign-up', () => {
    const { card, settings } = cardOf({ signups: [signup(1, { status: 'cancelled' })] });
    expect(myPlace(card, settings)).toEqual({ kind: 'none' });
    expect(goingQuestion(card, settings)).toEqual({ asked: true, answer: null });
  });

  it('does not ask once the session started or when it was cancelled', () => {
    const started = cardOf({}, { now: STARTED });
    expect(goingQuestion(started.card, started.settings)).toEqual({ asked: false });
    const cancelled = cardOf({}, { cancelled: true });
    expect(goingQuestion(cancelled.card, cancelled.settings)).toEqual({ asked: false });
  });

  it('neither asks nor shows an answer where the club switched "who is going" off', () => {
    const { card, settings } = cardOf({
      settings: { whosGoingEnabled: false },
      intents: [intent(true)],
    });
    expect(myPlace(card, settings)).toEqual({ kind: 'none' });
    expect(goingQuestion(card, settings)).toEqual({ asked: false });
  });
});
