import type { Widen } from '../en';

/** The organizer's pass templates: list, create, edit, delete. */
export const manageTemplatesEn = {
  title: 'Pass templates',
  intro:
    'The passes the club offers. Granting one gives a member a pass with these terms; editing a template later never changes passes already granted.',
  listTitle: 'Templates',
  new: 'New pass template',
  newTitle: 'New pass template',
  editTitle: 'Edit pass template',
  keepsTerms:
    'Passes already granted keep the terms they were granted with. Your changes apply to passes granted from now on.',
  empty: 'No pass templates yet. Create the first one to start granting passes.',
  name: 'Name',
  nameIn: 'Name ({language})',
  nameHintFirst: 'Shown to members and on receipts. Required.',
  nameHintOther: 'Optional: without it, members see the name above.',
  description: 'Description',
  descriptionIn: 'Description ({language})',
  sessions: 'Sessions included',
  sessionsHint: 'How many sessions a new pass pays for.',
  validityDays: 'Valid for (days)',
  validityHint: 'A pass granted today is valid through today plus this many days.',
  price: 'Price',
  priceHint: 'An amount like 89.00 (at most {digits} decimals).',
  priceShown: 'Shown as {price}.',
  currency: 'Currency',
  currencyHint: 'A 3-letter code, e.g. EUR, CHF, USD.',
  appliesTo: 'Applies to',
  appliesHint: 'Tick the training types this pass pays for. None ticked = all training types.',
  noTrainingTypes: 'The club has no training types yet, so this pass pays for every session.',
  archivedType: '{name} (archived)',
  nameRequired: 'Enter a name in the club’s first language',
  currencyInvalid: 'Enter a 3-letter currency code such as EUR',
  priceInvalid: 'Enter an amount like 89.00 (at most {digits} decimals)',
  priceTooHigh: 'This price is too high',
  create: 'Create template',
  save: 'Save changes',
  created: 'Pass template “{name}” created.',
  updated: 'Pass template “{name}” saved. Passes already granted keep their terms.',
  facts:
    '{sessions, plural, one {# session} other {# sessions}} · valid {days, plural, one {# day} other {# days}}',
  forAll: 'For all training types',
  forTypes: 'For: {types}',
  inUseCount:
    '{count, plural, =0 {No active passes use it} one {# active pass uses it} other {# active passes use it}}',
  deletedBadge: 'Deleted (kept for history)',
  edit: 'Edit',
  delete: 'Delete',
  deleteConfirm:
    'Delete “{name}”? It can no longer be granted or requested; it stays in history and reports.',
  deleteYes: 'Yes, delete',
  deleted: 'Pass template “{name}” deleted. It stays in history and reports.',
  inUse:
    '“{name}” cannot be deleted: {count, plural, one {# active pass uses it} other {# active passes use it}}. It can be deleted once no active pass with sessions left uses it.',
} as const;

export const manageTemplatesDe: Widen<typeof manageTemplatesEn> = {
  title: 'Kartenvorlagen',
  intro:
    'Die Karten, die der Verein anbietet. Wer eine ausstellt, gibt einem Mitglied eine Karte mit diesen Bedingungen; spätere Änderungen an einer Vorlage ändern bereits ausgestellte Karten nie.',
  listTitle: 'Vorlagen',
  new: 'Neue Kartenvorlage',
  newTitle: 'Neue Kartenvorlage',
  editTitle: 'Kartenvorlage bearbeiten',
  keepsTerms:
    'Bereits ausgestellte Karten behalten ihre Bedingungen. Deine Änderungen gelten für Karten, die ab jetzt ausgestellt werden.',
  empty: 'Noch keine Kartenvorlagen. Lege die erste an, um Karten auszustellen.',
  name: 'Name',
  nameIn: 'Name ({language})',
  nameHintFirst: 'Für Mitglieder und auf Belegen sichtbar. Pflichtfeld.',
  nameHintOther: 'Optional: Ohne ihn sehen Mitglieder den Namen oben.',
  description: 'Beschreibung',
  descriptionIn: 'Beschreibung ({language})',
  sessions: 'Enthaltene Einheiten',
  sessionsHint: 'Für wie viele Termine eine neue Karte bezahlt.',
  validityDays: 'Gültig für (Tage)',
  validityHint: 'Eine heute ausgestellte Karte gilt bis heute plus so viele Tage.',
  price: 'Preis',
  priceHint: 'Ein Betrag wie 89,00 (höchstens {digits} Nachkommastellen).',
  priceShown: 'Angezeigt als {price}.',
  currency: 'Währung',
  currencyHint: 'Ein Code aus 3 Buchstaben, z. B. EUR, CHF, USD.',
  appliesTo: 'Gilt für',
  appliesHint:
    'Kreuze die Trainingsarten an, für die diese Karte bezahlt. Nichts angekreuzt = alle Trainingsarten.',
  noTrainingTypes:
    'Der Verein hat noch keine Trainingsarten, daher bezahlt diese Karte jeden Termin.',
  archivedType: '{name} (archiviert)',
  nameRequired: 'Gib einen Namen in der ersten Sprache des Vereins ein',
  currencyInvalid: 'Gib einen Währungscode aus 3 Buchstaben ein, z. B. EUR',
  priceInvalid: 'Gib einen Betrag wie 89,00 ein (höchstens {digits} Nachkommastellen)',
  priceTooHigh: 'Dieser Preis ist zu hoch',
  create: 'Vorlage anlegen',
  save: 'Änderungen speichern',
  created: 'Kartenvorlage „{name}“ angelegt.',
  updated:
    'Kartenvorlage „{name}“ gespeichert. Bereits ausgestellte Karten behalten ihre Bedingungen.',
  facts:
    '{sessions, plural, one {# Einheit} other {# Einheiten}} · gültig {days, plural, one {# Tag} other {# Tage}}',
  forAll: 'Für alle Trainingsarten',
  forTypes: 'Für: {types}',
  inUseCount:
    '{count, plural, =0 {Keine aktive Karte nutzt sie} one {# aktive Karte nutzt sie} other {# aktive Karten nutzen sie}}',
  deletedBadge: 'Gelöscht (bleibt im Verlauf)',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  deleteConfirm:
    '„{name}“ löschen? Sie kann dann nicht mehr ausgestellt oder beantragt werden; im Verlauf und in Berichten bleibt sie erhalten.',
  deleteYes: 'Ja, löschen',
  deleted: 'Kartenvorlage „{name}“ gelöscht. Im Verlauf und in Berichten bleibt sie erhalten.',
  inUse:
    '„{name}“ kann nicht gelöscht werden: {count, plural, one {# aktive Karte nutzt sie} other {# aktive Karten nutzen sie}}. Löschen geht, sobald keine aktive Karte mit verbleibenden Einheiten sie mehr nutzt.',
};
