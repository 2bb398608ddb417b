import { z } from 'zod';
import {
  archiveTrainingType,
  createTrainingType,
  renameTrainingType,
} from '../rules/trainingTypes.js';
import type { Definitions } from './define.js';
import { id } from './fields.js';
import { lazy } from '../lazy.js';

const trainingTypeName = z.string().trim().min(1).max(100);

export const trainingTypeArgs = lazy(() => ({
  'trainingType.create': z.object({ trainingTypeId: id, name: trainingTypeName }),
  'trainingType.rename': z.object({ trainingTypeId: id, name: trainingTypeName }),
  'trainingType.archive': z.object({
    trainingTypeId: id,
    /** false restores an archived type. */
    archived: z.boolean().default(true),
  }),
}));

const owners = { owner: true } as const;

export const trainingTypeMutations: Definitions<typeof trainingTypeArgs> = {
  'trainingType.create': {
    argsDoc: '`trainingTypeId, name`',
    who: owners,
    judge: (facts, ctx, args) =>
      createTrainingType(ctx, args, {
        existing: facts.trainingType(args.trainingTypeId),
        all: facts.trainingTypes(),
      }),
  },
  'trainingType.rename': {
    argsDoc: '`trainingTypeId, name`',
    who: owners,
    judge: (facts, ctx, args) =>
      renameTrainingType(ctx, args, {
        trainingType: facts.trainingType(args.trainingTypeId),
        all: facts.trainingTypes(),
      }),
  },
  'trainingType.archive': {
    argsDoc: '`trainingTypeId, archived? (true; false restores)`',
    who: owners,
    judge: (facts, ctx, args) =>
      archiveTrainingType(ctx, args, { trainingType: facts.trainingType(args.trainingTypeId) }),
  },
};
