import { z } from 'zod';
import { createPassRequest, rejectPassRequest, withdrawPassRequest } from '../rules/requests.js';
import type { Definitions } from './define.js';
import { id, reason } from './fields.js';
import { lazy } from '../lazy.js';

export const requestArgs = lazy(() => ({
  'passRequest.create': z.object({
    requestId: id,
    templateId: id,
    note: z.string().trim().max(500).optional(),
  }),
  'passRequest.reject': z.object({ requestId: id, reason: reason.optional() }),
  'passRequest.withdraw': z.object({ requestId: id }),
}));

export const requestMutations: Definitions<typeof requestArgs> = {
  'passRequest.create': {
    argsDoc: '`requestId, templateId, note?`',
    who: { member: true, host: true, owner: true, note: 'for themselves' },
    judge: (facts, ctx, args) =>
      createPassRequest(ctx, args, {
        template: facts.template(args.templateId),
        existing: facts.passRequest(args.requestId),
      }),
  },
  'passRequest.reject': {
    argsDoc: '`requestId, reason?`',
    who: { host: 'hostsCanManagePasses', owner: true },
    judge: (facts, ctx, args) =>
      rejectPassRequest(ctx, args, { request: facts.passRequest(args.requestId) }),
  },
  'passRequest.withdraw': {
    argsDoc: '`requestId` — takes back a pending request',
    who: { member: true, host: true, owner: true, note: 'their own, while pending' },
    judge: (facts, ctx, args) =>
      withdrawPassRequest(ctx, args, { request: facts.passRequest(args.requestId) }),
  },
};
