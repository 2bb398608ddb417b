import type { Selectable } from 'kysely';

/**
 * How an organizer closed a needs-attention item (migration
 * 2026_11_21_0006_attention_reports). The item is a mutation-log entry;
 * one resolution per item, never changed or deleted.
 */
export interface AttentionResolutionsTable {
  item_id: string;
  club_id: string;
  resolution: 'accepted' | 'charged' | 'dismissed';
  note: string | null;
  resolved_by: string;
  resolved_at: string;
  /** The `attention.resolve` mutation that closed it. */
  mutation_id: string | null;
  version: number;
}

export type AttentionResolutionRow = Selectable<AttentionResolutionsTable>;
