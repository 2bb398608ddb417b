import { describe, expect, it } from 'vitest';
import { explanationSchema } from '../protocol/mutations.js';
import { refuseWith } from './decision.js';
import { explain } from './explain.js';

const tz = 'Europe/Berlin';
const at = '2026-03-10T16:52:00.000Z';

describe('refusal explanations as English and as data', () => {
  it('keeps the English sentence of each refusal and carries the same as data', () => {
    const cases = [
      [explain.checkInOpens(at, tz), 'It opens at 17:52.', { kind: 'check_in_opens', at }],
      [
        explain.checkedIn(at, 'Front desk', tz),
        'Recorded at 17:52 on Front desk.',
        { kind: 'checked_in', at, device: 'Front desk' },
      ],
      [
        explain.checkedIn(at, null, tz),
        'Recorded at 17:52.',
        { kind: 'checked_in', at, device: null },
      ],
      [
        explain.codeMade(at, tz),
        'It was made at 17:52; a code lasts about a minute. Ask them to show it again.',
        { kind: 'code_made', at },
      ],
      [
        explain.phonePassRanOut(at, tz),
        'This phone’s check-in pass ran out on 2026-03-10; it renews when the member opens Turnout online.',
        { kind: 'phone_pass_ran_out', on: '2026-03-10' },
      ],
      [
        explain.creditsOwed(1, 0),
        '1 credit owed, 0 credits usable for this session. Grant or extend a pass first.',
        { kind: 'credits_owed', owed: 1, usable: 0 },
      ],
      [
        explain.requestDecided('approved'),
        'The request was already approved.',
        { kind: 'request_decided', status: 'approved' },
      ],
      [
        explain.nameTaken('Yoga'),
        'A training type called Yoga already exists.',
        { kind: 'name_taken', name: 'Yoga' },
      ],
    ] as const;
    for (const [explained, text, data] of cases) {
      expect(explained.text).toBe(text);
      expect(explained.explanation).toEqual(data);
      expect(explanationSchema.parse(explained.explanation)).toEqual(data);
    }
  });

  it('puts the English after the code’s message and the data beside it', () => {
    const refusal = refuseWith('check_in_closed', explain.checkInOpens(at, tz));
    expect(refusal.message).toBe(
      'Check-in is not open for this session right now. It opens at 17:52.',
    );
    expect(refusal.explanation).toEqual({ kind: 'check_in_opens', at });
  });

  it('refuses explanations that are not of a known kind or too large', () => {
    expect(explanationSchema.safeParse({ kind: 'name_taken', name: 'x'.repeat(201) }).success).toBe(
      false,
    );
    expect(explanationSchema.safeParse({ kind: 'credits_owed', owed: -1, usable: 0 }).success).toBe(
      false,
    );
    expect(
      explanationSchema.safeParse({ kind: 'request_decided', status: 'pending' }).success,
    ).toBe(false);
  });
});
