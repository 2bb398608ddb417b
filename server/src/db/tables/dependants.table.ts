import type { Selectable } from 'kysely';

/** A dependant's tie to their guardian (migration 0020, docs/decisions.md "Dependants"). */
export interface DependantsTable {
  member_id: string;
  club_id: string;
  guardian_id: string;
  kind: 'child' | 'linked';
  birth_year: number | null;
  added_at: string;
  added_by: string;
  removed_at: string | null;
  removed_by: string | null;
}

/** A code a member's profile shows so their guardian can link them (hashed; short-lived). */
export interface FamilyLinkCodesTable {
  code_hash: string;
  club_id: string;
  member_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type DependantRow = Selectable<DependantsTable>;
