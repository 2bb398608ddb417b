import { updateClubSettings } from '../rules/club.js';
import { clubSettingsSchema } from '../settings.js';
import type { Definitions } from './define.js';
import { lazy } from '../lazy.js';

export const clubArgs = lazy(() => ({
  'club.updateSettings': clubSettingsSchema
    .partial()
    .refine((s) => Object.keys(s).length > 0, 'Change at least one setting'),
}));

export const clubMutations: Definitions<typeof clubArgs> = {
  'club.updateSettings': {
    argsDoc: 'any settings of spec §2',
    who: { owner: true },
    judge: (_facts, ctx, args) => updateClubSettings(ctx, args),
  },
};
