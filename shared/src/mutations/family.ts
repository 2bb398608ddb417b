import { z } from 'zod';
import {
  addDependant,
  dependantBirthYear,
  dependantName,
  removeDependant,
} from '../rules/family.js';
import type { Definitions } from './define.js';
import { id } from './fields.js';
import { lazy } from '../lazy.js';

export const familyArgs = lazy(() => ({
  /** A child without a login: `dependantId` is made on the device. */
  'dependant.add': z.object({
    dependantId: id,
    name: dependantName,
    birthYear: dependantBirthYear.optional(),
  }),
  /** Ends a dependant's tie to their guardian (a child's membership with it). */
  'dependant.remove': z.object({ dependantId: id }),
}));

export const familyMutations: Definitions<typeof familyArgs> = {
  'dependant.add': {
    argsDoc:
      '`dependantId, name (≤ 80), birthYear?` — adds a child without a login, the sender their guardian (at most 10)',
    who: { member: true, host: true, owner: true, note: 'as the guardian' },
    judge: (facts, ctx, args) =>
      addDependant(ctx, args, {
        kind: facts.memberKind(args.dependantId),
        tie: facts.familyTie(args.dependantId),
        actorTie: facts.familyTie(ctx.actor.memberId),
        dependants: facts.dependantsOf(ctx.actor.memberId),
      }),
  },
  'dependant.remove': {
    argsDoc: "`dependantId` — ends the tie; a child's membership ends with it (history stays)",
    who: {
      member: true,
      host: true,
      owner: true,
      note: 'the guardian or the linked member; owners for anyone',
    },
    judge: (facts, ctx, args) =>
      removeDependant(ctx, args, { tie: facts.familyTie(args.dependantId) }),
  },
};
