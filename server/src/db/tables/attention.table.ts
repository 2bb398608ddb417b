import type { Selectable } from 'kysely';

/**
 * How an organizer closed a needs-attention item (migration
 * 2026_11_21_0006_attention_reports). The item is a mutation-log entry;
 * one resolution per item, never changed or deleted.
 */
export interface AttentionResolutionsTable {
  item_id: string;
  club_id: string;
  /** `reinstated`: a refused check-in the owner recorded after all (`checkin.reinstate`). */
  resolution: 'accepted' | 'charged' | 'dismissed' | 'reinstated';
  note: string | null;
  resolved_by: string;
  resolved_at: string;
  /** The `attention.resolve` mutation that closed it. */
  mutation_id: string | null;
  version: number;
}

/**
 * Every (device, mutation, refusal code) a club's refusals came in (migration
 * 2026_12_04_0010_attention_groups): the keys of the grouped needs-attention list.
 */
export interface AttentionGroupsTable {
  club_id: string;
  client_id: string;
  name: string;
  code: string;
  /** How many refusals of the key were logged, ever (counted as they are logged). */
  refusals: number;
}

/**
 * A group of refusals dismissed at once: the key's refusals received up to
 * `up_to` (inclusive). One row however many it covers; never changed or deleted.
 */
export interface AttentionGroupDismissalsTable {
  /** The `attention.dismissGroup` mutation that made it. */
  id: string;
  club_id: string;
  client_id: string;
  name: string;
  code: string;
  up_to: string;
  /** The latest refusal covered (what the organizer saw); it may be gone after retention. */
  last_item_id: string;
  item_count: number;
  /** Refusals of the key logged up to `up_to`, in all: the open group after it holds `refusals - covered`. */
  covered: number;
  first_received_at: string;
  note: string | null;
  dismissed_by: string;
  dismissed_at: string;
  version: number;
}

export type AttentionGroupDismissalRow = Selectable<AttentionGroupDismissalsTable>;
