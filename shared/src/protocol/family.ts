import { z } from 'zod';
import { id } from './accounts.js';

/**
 * Linking a teen's own account to their guardian (docs/protocol.md,
 * "Family"): the teen's profile makes a short-lived code, the guardian
 * enters it. Children without a login are added offline (`dependant.add`).
 */

/** The teen asks for a code to show their guardian. */
export const familyLinkCodeInput = z.object({ clubId: id });

/** The guardian enters the code the teen's profile shows. */
export const familyLinkInput = z.object({ clubId: id, code: z.string().trim().min(1).max(40) });

/** A link code as the teen's profile shows it (valid once, until `expiresAt`). */
export interface FamilyLinkCode {
  code: string;
  expiresAt: string;
}

/** Who was linked. */
export interface FamilyLinked {
  memberId: string;
  name: string;
}

/** How long a link code works. */
export const FAMILY_LINK_CODE_HOURS = 24;
