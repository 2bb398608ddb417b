/**
 * Time rules use when the action happened on the device (already corrected
 * by the device's measured clock offset), but a device cannot be trusted
 * without bound: a time in the future, or older than 7 days, is judged by the
 * server's clock instead (spec §7).
 */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** Clocks corrected by an offset still drift a little; a minute ahead is not "the future". */
const FUTURE_TOLERANCE_MS = 60 * 1000;

export function judgedTime(occurredAt: string, serverNow: Date): Date {
  const claimed = Date.parse(occurredAt);
  const now = serverNow.getTime();
  if (!Number.isFinite(claimed)) return serverNow;
  if (claimed > now + FUTURE_TOLERANCE_MS) return serverNow;
  if (claimed < now - MAX_AGE_MS) return serverNow;
  return new Date(claimed);
}

/** The oldest time a mutation pushed at `serverNow` can be judged at. */
export function oldestJudgedTime(serverNow: Date): Date {
  return new Date(serverNow.getTime() - MAX_AGE_MS);
}
