/** One-time tokens that create a club and its owner (first start, or `turnout setup-link`). */
export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
  club_id: string | null;
}
