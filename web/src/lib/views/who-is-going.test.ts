import { describe, expect, it } from 'vitest';
import { aMember, anIntent, aSession, aSignup, MEMBER, OTHER } from '@turnout/shared/testing';
import { replicaOf } from '$lib/testing';
import { namesShown, othersComing } from './who-is-going';

describe('othersComing', () => {
  const session = aSession();
  const ben = aMember({ name: 'Ben B.' });
  const cleo = aMember({ name: 'Cleo C.' });
  const gone = aMember({ name: 'Gone G.', removed: true });
  const waiting = aMember({ name: 'Wait W.' });

  it('names others going or signed up, once each; not me, not waiters, not who left', () => {
    const view = replicaOf({
      members: [aMember({ memberId: MEMBER, name: 'Mia M.' }), ben, cleo, gone, waiting],
      sessions: [session],
      signups: [
        aSignup({ sessionId: session.id }),
        aSignup({ sessionId: session.id, memberId: cleo.memberId }),
        aSignup({ sessionId: session.id, memberId: ben.memberId }),
        aSignup({ sessionId: session.id, memberId: gone.memberId }),
        aSignup({
          sessionId: session.id,
          memberId: waiting.memberId,
          status: 'waitlisted',
          position: 1,
        }),
        aSignup({ sessionId: session.id, memberId: OTHER, status: 'cancelled' }),
      ],
      intents: [
        anIntent({ sessionId: session.id, memberId: ben.memberId }),
        anIntent({ sessionId: session.id }),
      ],
    });
    expect(othersComing(view, session.id, MEMBER)).toEqual(['Ben B.', 'Cleo C.']);
  });

  it('is empty on a member’s device of a club that does not show it (no one else’s records)', () => {
    const view = replicaOf({ sessions: [session], signups: [aSignup({ sessionId: session.id })] });
    expect(othersComing(view, session.id, MEMBER)).toEqual([]);
  });

  it('shows three names and counts the rest', () => {
    expect(namesShown(['A', 'B', 'C', 'D', 'E'])).toEqual({ names: ['A', 'B', 'C'], more: 2 });
    expect(namesShown(['A'])).toEqual({ names: ['A'], more: 0 });
  });
});
