import { errorMessages } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import type { AttentionEntry } from '$lib/db/database';
import {
  aMember,
  aPass,
  aSession,
  aTemplate,
  CLUB,
  MEMBER,
  OTHER,
  uuid,
} from '@turnout/shared/testing';
import { fmt, replicaOf, t } from '$lib/testing';
import { actionText, attentionItems, flagText, serverDetail } from './attention';

const yoga = aSession({ title: 'Tuesday Yoga' });

function entry(over: Partial<AttentionEntry>): AttentionEntry {
  return {
    id: uuid(),
    clubId: CLUB,
    name: 'checkin.create',
    args: { sessionId: yoga.id },
    status: 'rejected',
    code: 'session_full',
    message: null,
    flags: [],
    occurredAt: '2025-03-11T16:52:00.000Z',
    answeredAt: '2025-03-11T17:30:00.000Z',
    dismissed: 0,
    ...over,
  };
}

describe('serverDetail', () => {
  it('keeps what the server said beyond the standard message', () => {
    const full = errorMessages.session_full;
    expect(
      serverDetail(
        'session_full',
        `${full} The last spot was taken by a check-in recorded at 17:52 on Front desk.`,
      ),
    ).toBe('The last spot was taken by a check-in recorded at 17:52 on Front desk.');
    expect(serverDetail('session_full', full)).toBeNull();
    expect(serverDetail('session_full', null)).toBeNull();
    expect(serverDetail('not_permitted', 'Your membership ended.')).toBe('Your membership ended.');
    expect(serverDetail(null, 'Something else')).toBe('Something else');
  });
});

describe('attentionItems', () => {
  it('lists newest answers first and says what each was about', () => {
    const p = aPass({ memberId: OTHER });
    const tpl = aTemplate({ names: { en: '5-class pass' } });
    const mine = entry({ answeredAt: '2025-03-11T17:30:00.000Z' });
    const hosts = entry({
      args: { sessionId: yoga.id, memberId: OTHER, credits: 2 },
      status: 'applied',
      code: null,
      flags: ['over_capacity', 'unpaid'],
      answeredAt: '2025-03-11T17:40:00.000Z',
    });
    const extend = entry({
      name: 'pass.extend',
      args: { passId: p.id, days: 14 },
      code: 'not_permitted',
      answeredAt: '2025-03-11T17:00:00.000Z',
    });
    const requested = entry({
      name: 'passRequest.create',
      args: { requestId: uuid(), templateId: tpl.id },
      code: 'not_found',
      answeredAt: '2025-03-11T16:00:00.000Z',
    });
    const view = replicaOf({
      sessions: [yoga],
      passes: [p],
      templates: [tpl],
      members: [
        aMember({ memberId: MEMBER, name: 'Hugo Host' }),
        aMember({ memberId: OTHER, name: 'Mia Member' }),
      ],
    });

    const items = attentionItems(view, [extend, mine, requested, hosts], MEMBER, 'en');

    expect(items.map((i) => [i.entry.id, i.refused, actionText(i.action, t, fmt)])).toEqual([
      [
        hosts.id,
        false,
        'Check-in of Mia Member for Tuesday Yoga (Tue 11 Mar, 18:00) with 2 credits',
      ],
      [mine.id, true, 'Your check-in for Tuesday Yoga (Tue 11 Mar, 18:00)'],
      [extend.id, true, 'Extending 10-class pass by 14 days'],
      [requested.id, true, 'Your request for 5-class pass'],
    ]);
    expect(items[0]!.flags.map((f) => flagText(f, t, 0))).toEqual([
      'The session was full by then: the check-in was recorded over capacity.',
      'There were no usable credits by then: the check-in was recorded as unpaid, and the club can charge it later.',
    ]);
  });

  it('copes with what the device no longer knows', () => {
    const view = replicaOf({});
    const [signup, other, created] = [
      entry({ name: 'signup.create', args: { sessionId: uuid(), memberId: OTHER } }),
      entry({ name: 'kiosk.unknown', args: null }),
      entry({ name: 'session.create', args: { sessionId: uuid(), title: 'Open gym' } }),
    ];
    const texts = attentionItems(view, [signup!, other!, created!], MEMBER, 'en').map((i) =>
      actionText(i.action, t, fmt),
    );
    expect(texts).toEqual([
      'Sign-up of a member for a session no longer on this device',
      'A change (kiosk.unknown)',
      'Creating the session Open gym',
    ]);
  });

  it('explains a late sign-out with the club’s late-cancel time', () => {
    const view = replicaOf({ sessions: [yoga] });
    const [item] = attentionItems(
      view,
      [entry({ name: 'signup.cancel', status: 'applied', code: null, flags: ['late_cancel'] })],
      MEMBER,
      'en',
    );
    expect(actionText(item!.action, t, fmt)).toBe(
      'Your sign-out from Tuesday Yoga (Tue 11 Mar, 18:00)',
    );
    expect(item!.detail).toBeNull();
    expect(flagText('late_cancel', t, 120)).toBe(
      'It was less than 120 minutes before the start: the credit was not returned.',
    );
  });
});
