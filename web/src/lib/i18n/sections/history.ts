import type { Widen } from '../en';

/** The member's attendance history. */
export const historyEn = {
  title: 'My attendance history',
  back: 'Back to my passes',
  empty:
    'Nothing here yet. Sessions you check in to, and ones you signed up for but missed, show up here.',
  summary:
    '{attended, plural, one {# check-in} other {# check-ins}} · {credits, plural, one {# credit} other {# credits}} · {noShows, plural, one {# no-show} other {# no-shows}}',
  olderNote: 'This device keeps recent history only; the club has the rest.',
  listLabel: 'Attendance, newest first',
  kind: {
    attended: 'Checked in',
    voided: 'Voided',
    no_show: 'No-show',
    late_cancel: 'Late sign-out',
  },
  credits: '{count, plural, one {# credit} other {# credits}}',
  unpaid: '{count, plural, one {# credit unpaid} other {# credits unpaid}}',
  checkedInAt: 'Checked in {time}',
  backfilled: 'Recorded after the session',
  voidedReason: 'Voided: {reason}. The credits were returned.',
  voidedNoReason: 'Voided. The credits were returned.',
  noShow: 'Signed up but not checked in.',
  noShowCharged:
    '{count, plural, one {The # credit charged at sign-up stays charged.} other {The # credits charged at sign-up stay charged.}}',
  lateCancel:
    'Signed out shortly before the start, so {count, plural, one {the # credit stayed} other {the # credits stayed}} charged.',
  unknownSession: 'A session no longer on this device',
} as const;

export const historyDe: Widen<typeof historyEn> = {
  title: 'Meine Teilnahmen',
  back: 'Zurück zu meinen Karten',
  empty:
    'Noch nichts hier. Termine, zu denen du eincheckst, und solche, für die du angemeldet warst, aber nicht da warst, erscheinen hier.',
  summary:
    '{attended, plural, one {# Check-in} other {# Check-ins}} · {credits, plural, one {# Einheit} other {# Einheiten}} · {noShows, plural, one {# Mal nicht erschienen} other {# Mal nicht erschienen}}',
  olderNote: 'Dieses Gerät speichert nur die jüngste Zeit; den Rest hat der Verein.',
  listLabel: 'Teilnahmen, neueste zuerst',
  kind: {
    attended: 'Eingecheckt',
    voided: 'Storniert',
    no_show: 'Nicht erschienen',
    late_cancel: 'Späte Abmeldung',
  },
  credits: '{count, plural, one {# Einheit} other {# Einheiten}}',
  unpaid: '{count, plural, one {# Einheit unbezahlt} other {# Einheiten unbezahlt}}',
  checkedInAt: 'Eingecheckt {time}',
  backfilled: 'Nach dem Termin eingetragen',
  voidedReason: 'Storniert: {reason}. Das Guthaben wurde zurückgebucht.',
  voidedNoReason: 'Storniert. Das Guthaben wurde zurückgebucht.',
  noShow: 'Angemeldet, aber nicht eingecheckt.',
  noShowCharged:
    '{count, plural, one {Die bei der Anmeldung abgebuchte # Einheit bleibt abgebucht.} other {Die bei der Anmeldung abgebuchten # Einheiten bleiben abgebucht.}}',
  lateCancel:
    'Kurz vor Beginn abgemeldet, deshalb {count, plural, one {bleibt die # Einheit} other {bleiben die # Einheiten}} abgebucht.',
  unknownSession: 'Ein Termin, der nicht mehr auf diesem Gerät ist',
};
