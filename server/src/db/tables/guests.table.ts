import type { Selectable } from 'kysely';
import type { GuestPayment, GuestVisitKind } from '@turnout/shared';

/**
 * A walk-in recorded at the door (migration 2026_12_05_0012_guests). The
 * guest's name is their membership's (placeholder) account name; a claim
 * moves the membership to the claimer's account and sets `claimed_*`.
 */
export interface GuestsTable {
  member_id: string;
  club_id: string;
  contact: string | null;
  added_by: string;
  added_at: string;
  claimed_at: string | null;
  claimed_by: string | null;
  version: number;
}

/** How one visit of a guest was paid; keyed by its attendance record. */
export interface GuestVisitsTable {
  attendance_id: string;
  club_id: string;
  member_id: string;
  session_id: string;
  kind: GuestVisitKind;
  payment: GuestPayment;
  amount: string | null;
  recorded_by: string;
  recorded_at: string;
  version: number;
}

export type GuestRow = Selectable<GuestsTable>;
export type GuestVisitRow = Selectable<GuestVisitsTable>;
