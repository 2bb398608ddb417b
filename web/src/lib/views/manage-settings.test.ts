import { aClubSettings, aTrainingType } from '@turnout/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  localeChoices,
  localeName,
  settingGroups,
  settingsChanges,
  settingsFormOf,
  sortTrainingTypes,
  timeZoneChoices,
  toggleLocale,
  trainingTypeNameTaken,
  trainingTypeOptions,
  withMainLocale,
} from './manage-settings';

const settings = aClubSettings();

describe('the club settings form', () => {
  it('groups every setting of spec §2 exactly once', () => {
    const grouped = Object.values(settingGroups).flat().sort();
    expect(grouped).toEqual(Object.keys(settings).sort());
  });

  it('sends only the settings that changed', () => {
    const form = settingsFormOf(settings);
    expect(settingsChanges(settings, form)).toEqual({ ok: true, changes: null });
    form.lateCancelMinutes = ' 120 ';
    form.hostsCanManageSessions = false;
    form.locales = ['en', 'de'];
    expect(settingsChanges(settings, form)).toEqual({
      ok: true,
      changes: { lateCancelMinutes: 120, hostsCanManageSessions: false, locales: ['en', 'de'] },
    });
  });

  it('counts reordering the languages as a change (the first is the main one)', () => {
    const withTwo = { ...settings, locales: ['en', 'de'] };
    const form = settingsFormOf(withTwo);
    form.locales = withMainLocale(form.locales, 'de');
    expect(settingsChanges(withTwo, form)).toEqual({
      ok: true,
      changes: { locales: ['de', 'en'] },
    });
  });

  it('names the fields with problems', () => {
    const form = settingsFormOf(settings);
    form.maxCreditsPerCheckIn = '0';
    form.backfillWindowDays = 'a week';
    form.timezone = 'Mars/Olympus';
    form.locales = [];
    expect(settingsChanges(settings, form)).toEqual({
      ok: false,
      problems: {
        maxCreditsPerCheckIn: { code: 'wholeNumber', values: { min: 1, max: 20 } },
        backfillWindowDays: { code: 'wholeNumber', values: { min: 0, max: 365 } },
        timezone: { code: 'timezone' },
        locales: { code: 'locales' },
      },
    });
  });
});

describe('languages and time zones', () => {
  it('keeps the main language first and out of reach of the further-language boxes', () => {
    expect(toggleLocale(['en'], 'de', true)).toEqual(['en', 'de']);
    expect(toggleLocale(['en', 'de', 'fr'], 'de', false)).toEqual(['en', 'fr']);
    expect(toggleLocale(['en', 'de'], 'en', false)).toEqual(['en', 'de']);
    expect(withMainLocale(['en', 'de', 'fr'], 'fr')).toEqual(['fr', 'en', 'de']);
  });

  it('offers the app’s languages plus any the club already has', () => {
    expect(localeChoices(['en', 'gsw'])).toEqual(['en', 'de', 'fr', 'gsw']);
    expect(localeChoices(['fr', 'de'])).toEqual(['en', 'de', 'fr']);
    expect(localeName('de', 'en')).toBe('German');
    expect(localeName('de', 'de')).toBe('Deutsch');
  });

  it('offers every known time zone and keeps the club’s own', () => {
    const zones = timeZoneChoices('Europe/Berlin');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('UTC');
    expect(zones.length).toBeGreaterThan(300);
    expect(timeZoneChoices('Etc/Unknown')).toContain('Etc/Unknown');
  });
});

describe('training types', () => {
  const types = [
    aTrainingType({ id: 'a', name: 'Yoga' }),
    aTrainingType({ id: 'b', name: 'Boxing', archived: true }),
    aTrainingType({ id: 'c', name: 'Pilates' }),
  ];

  it('lists active ones by name, then archived ones', () => {
    expect(sortTrainingTypes(types).map((t) => t.name)).toEqual(['Pilates', 'Yoga', 'Boxing']);
  });

  it('finds a name taken ignoring case and spaces, except by the type itself', () => {
    expect(trainingTypeNameTaken(types, ' yoga ')).toBe(true);
    expect(trainingTypeNameTaken(types, 'Yoga', 'a')).toBe(false);
    expect(trainingTypeNameTaken(types, 'Spinning')).toBe(false);
  });

  it('offers active types for sessions, plus an archived one a session already has', () => {
    expect(trainingTypeOptions(types, null).map((t) => t.id)).toEqual(['c', 'a']);
    expect(trainingTypeOptions(types, 'b').map((t) => t.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('the reminder settings', () => {
  it('are whole minutes up to a week and whole days up to 60, 0 turning them off', () => {
    const form = settingsFormOf(settings);
    expect(form.sessionReminderMinutes).toBe('120');
    expect(form.passExpiryReminderDays).toBe('3');
    form.sessionReminderMinutes = '0';
    form.passExpiryReminderDays = '7';
    expect(settingsChanges(settings, form)).toEqual({
      ok: true,
      changes: { sessionReminderMinutes: 0, passExpiryReminderDays: 7 },
    });
    form.sessionReminderMinutes = '10081';
    form.passExpiryReminderDays = '61';
    expect(settingsChanges(settings, form)).toEqual({
      ok: false,
      problems: {
        sessionReminderMinutes: { code: 'wholeNumber', values: { min: 0, max: 10080 } },
        passExpiryReminderDays: { code: 'wholeNumber', values: { min: 0, max: 60 } },
      },
    });
  });
});
