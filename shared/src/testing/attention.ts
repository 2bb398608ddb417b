import type { PulledNotification } from '../protocol/sync.js';
import type { AttentionItem } from '../rules/attention.js';
import type { RefusedCheckIn } from '../rules/reinstate.js';
import { MEMBER, uuid } from './ids.js';

/** A logged attempt that needs attention: a refusal (no session, no member) by default. */
export function anAttentionItem(over: Partial<AttentionItem> = {}): AttentionItem {
  return { id: uuid(), kind: 'refused', flags: [], sessionId: null, memberId: null, ...over };
}

/** MEMBER's unread notice that a place opened, the day before the default session. */
export function aNotification(over: Partial<PulledNotification> = {}): PulledNotification {
  return {
    id: uuid(),
    memberId: MEMBER,
    kind: 'spot_open',
    sessionId: null,
    data: {},
    at: '2025-03-10T09:00:00.000Z',
    read: false,
    readAt: null,
    ...over,
  };
}

/** MEMBER's check-in for a session, refused `session_full` at 16:50 (the default session's door). */
export function aRefusedCheckIn(over: Partial<RefusedCheckIn> = {}): RefusedCheckIn {
  return {
    id: uuid(),
    code: 'session_full',
    sessionId: uuid(),
    memberId: MEMBER,
    credits: undefined,
    at: '2025-03-11T16:50:00.000Z',
    resolution: null,
    ...over,
  };
}
