/**
 * The few words a calendar file carries, in the languages the app speaks.
 * They live here, not in the web app's i18n sections, because the server
 * writes feeds in the member's language and the device writes one-session
 * files offline with the same code.
 */
export interface CalendarWords {
  /** The summary of a cancelled session: `Cancelled: Yoga`. */
  cancelledTitle: (title: string) => string;
  /** The summary of a session the member waits for: `Yoga (waiting list)`. */
  waitlistedTitle: (title: string) => string;
  trainingType: (name: string) => string;
  cancelReason: (reason: string) => string;
  signedUp: string;
  waitlisted: (position: number | null) => string;
  going: string;
  clubFeedName: (club: string) => string;
  mineFeedName: (club: string) => string;
}

const en: CalendarWords = {
  cancelledTitle: (title) => `Cancelled: ${title}`,
  waitlistedTitle: (title) => `${title} (waiting list)`,
  trainingType: (name) => `Training: ${name}`,
  cancelReason: (reason) => `Reason for cancelling: ${reason}`,
  signedUp: 'You are signed up.',
  waitlisted: (position) =>
    position === null
      ? 'You are on the waiting list.'
      : `You are on the waiting list (place ${position}).`,
  going: 'You said you are going.',
  clubFeedName: (club) => `${club}: schedule`,
  mineFeedName: (club) => `${club}: my sessions`,
};

const de: CalendarWords = {
  cancelledTitle: (title) => `Abgesagt: ${title}`,
  waitlistedTitle: (title) => `${title} (Warteliste)`,
  trainingType: (name) => `Training: ${name}`,
  cancelReason: (reason) => `Grund der Absage: ${reason}`,
  signedUp: 'Du bist angemeldet.',
  waitlisted: (position) =>
    position === null
      ? 'Du stehst auf der Warteliste.'
      : `Du stehst auf der Warteliste (Platz ${position}).`,
  going: 'Du hast zugesagt.',
  clubFeedName: (club) => `${club}: Trainingsplan`,
  mineFeedName: (club) => `${club}: meine Trainings`,
};

const fr: CalendarWords = {
  cancelledTitle: (title) => `Annulée\u00a0: ${title}`,
  waitlistedTitle: (title) => `${title} (liste d’attente)`,
  trainingType: (name) => `Entraînement\u00a0: ${name}`,
  cancelReason: (reason) => `Motif de l’annulation\u00a0: ${reason}`,
  signedUp: 'Tu es inscrit(e).',
  waitlisted: (position) =>
    position === null
      ? 'Tu es sur la liste d’attente.'
      : `Tu es sur la liste d’attente (position ${position}).`,
  going: 'Tu as dit que tu viens.',
  clubFeedName: (club) => `${club}\u00a0: planning`,
  mineFeedName: (club) => `${club}\u00a0: mes séances`,
};

const byLanguage: Record<string, CalendarWords> = { en, de, fr };

/** The words for a locale tag (`de-AT` → German); English for any other language. */
export function calendarWords(locale: string | null | undefined): CalendarWords {
  const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
  return byLanguage[language] ?? en;
}
