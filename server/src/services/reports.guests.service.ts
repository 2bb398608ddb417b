import {
  guestPayments,
  guestVisitKinds,
  type GuestPayment,
  type GuestVisitKind,
  type guestVisitsInput,
} from '@turnout/shared';
import type { z } from 'zod';
import { guestVisitCounts, listGuestVisits } from '../repositories/guests.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import { instantRange, reportClub } from './reports.common.js';

/**
 * Guest attendance (issue 13, spec §9.3): the walk-ins' visits of sessions
 * in a range — who, which session, drop-in or trial, how they paid, and
 * whether they have claimed an account since. A guest's visit is also an
 * ordinary check-in, so headcounts and capacity already include it; this
 * report tells the guests apart and sums the payment notes.
 */

export interface GuestVisitRow {
  attendanceId: string;
  memberId: string;
  name: string;
  contact: string | null;
  /** When the guest claimed an account (their history moved with them), else null. */
  claimedAt: string | null;
  sessionId: string;
  sessionTitle: string;
  startsAt: string;
  kind: GuestVisitKind;
  payment: GuestPayment;
  amount: string | null;
  voided: boolean;
  checkedInAt: string;
  recordedBy: string | null;
}

export interface GuestVisitsReport {
  from: string | null;
  to: string | null;
  /** Visits in the range, voided ones included (the list pages through them). */
  total: number;
  /** Visits that stand (not voided), by kind and by payment. */
  byKind: Record<GuestVisitKind, number>;
  byPayment: Record<GuestPayment, number>;
  visits: GuestVisitRow[];
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function guestVisits(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof guestVisitsInput>,
): Promise<GuestVisitsReport> {
  const club = await reportClub(deps, actor.clubId);
  const range = instantRange(club.settings.timezone, input.from, input.to);
  const counts = await guestVisitCounts(deps.db, actor.clubId, range);
  const byKind = zeros(guestVisitKinds);
  const byPayment = zeros(guestPayments);
  let total = 0;
  for (const c of counts) {
    const n = Number(c.n);
    total += n;
    if (c.voided) continue;
    byKind[c.kind] += n;
    byPayment[c.payment] += n;
  }
  const rows = await listGuestVisits(deps.db, actor.clubId, range, input);
  return {
    from: input.from ?? null,
    to: input.to ?? null,
    total,
    byKind,
    byPayment,
    visits: rows.map((r) => ({ ...r, voided: r.voided === 1 })),
  };
}
