import { describe, expect, it } from 'vitest';
import {
  dismissAttentionGroup,
  type AttentionGroupFacts,
  type AttentionItem,
} from './attention.js';
import {
  HOST,
  OWNER,
  aContext,
  anAttentionItem,
  expectApplied,
  expectRefused,
  uuid,
} from '../testing/index.js';
import type { AttentionGroupDismissal } from './types.js';

describe('attention.dismissGroup', () => {
  const LATEST_AT = '2025-03-11T17:40:00.000Z';
  const NOW = '2025-03-12T09:00:00.000Z';
  const key = { clientId: uuid(), mutation: 'checkin.create', code: 'session_full' };
  const refused = anAttentionItem();
  const group = (over: Partial<AttentionGroupFacts> = {}): AttentionGroupFacts => ({
    key,
    receivedAt: LATEST_AT,
    lastDismissal: null,
    pending: { count: 45_000, firstReceivedAt: '2025-03-11T17:02:00.000Z' },
    covered: 45_003,
    ...over,
  });
  const earlier = (upTo: string): AttentionGroupDismissal => ({
    id: uuid(),
    ...key,
    upTo,
    lastItemId: uuid(),
    itemCount: 3,
    firstReceivedAt: '2025-03-10T08:00:00.000Z',
    covered: 3,
    note: null,
    dismissedBy: OWNER,
    dismissedAt: '2025-03-11T12:00:00.000Z',
  });

  it('closes every refusal of the group up to the item with one dismissal', () => {
    const mutationId = uuid();
    const e = expectApplied(
      dismissAttentionGroup(
        aContext({ role: 'host', now: NOW, mutationId }),
        { itemId: refused.id, note: 'Tester' },
        { item: refused, group: group() },
      ),
    );
    expect(e.attentionDismissals).toEqual([
      {
        id: mutationId,
        ...key,
        upTo: LATEST_AT,
        lastItemId: refused.id,
        itemCount: 45_000,
        firstReceivedAt: '2025-03-11T17:02:00.000Z',
        covered: 45_003,
        note: 'Tester',
        dismissedBy: HOST,
        dismissedAt: NOW,
      },
    ]);
    // Nothing per item: the dismissal covers them.
    expect(e.attentionResolutions).toEqual([]);
  });

  it('dismisses refusals that arrived after an earlier dismissal of the group', () => {
    const e = expectApplied(
      dismissAttentionGroup(
        aContext({ role: 'owner', now: NOW }),
        { itemId: refused.id },
        { item: refused, group: group({ lastDismissal: earlier('2025-03-11T12:00:00.000Z') }) },
      ),
    );
    expect(e.attentionDismissals[0]).toMatchObject({ upTo: LATEST_AT, note: null });
  });

  it('refuses a group already dismissed up to the item, naming when', () => {
    const d = expectRefused(
      dismissAttentionGroup(
        aContext({ role: 'owner', now: NOW }),
        { itemId: refused.id },
        { item: refused, group: group({ lastDismissal: earlier(LATEST_AT) }) },
      ),
    );
    expect(d.code).toBe('conflict');
    expect(d.message).toContain('already dismissed with its group on 2025-03-11 at 13:00');
  });

  it('is for hosts and owners, for refusals that exist; flagged items are resolved one by one', () => {
    const args = { itemId: refused.id };
    const member = dismissAttentionGroup(aContext({ role: 'member' }), args, {
      item: refused,
      group: group(),
    });
    expect(expectRefused(member).code).toBe('not_permitted');
    const missing = dismissAttentionGroup(aContext({ role: 'owner' }), args, {
      item: null,
      group: null,
    });
    expect(expectRefused(missing).code).toBe('not_found');
    const flagged: AttentionItem = { ...refused, kind: 'flagged', flags: ['unpaid'] };
    const one = dismissAttentionGroup(aContext({ role: 'owner' }), args, {
      item: flagged,
      group: null,
    });
    expect(expectRefused(one).code).toBe('invalid_args');
  });
});
