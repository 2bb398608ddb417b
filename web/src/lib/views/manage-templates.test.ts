import { describe, expect, it } from 'vitest';
import { aMember, aPass, aTemplate, aTrainingType, uuid } from '@turnout/shared/testing';
import { keyT, replicaOf } from '$lib/testing';
import {
  emptyTemplateForm,
  passesInUse,
  pickLocal,
  templateChanges,
  templateFields,
  templateRows,
  templateToForm,
} from './manage-templates';

const today = '2025-03-10';

describe('template list', () => {
  it('names a template in the UI language, else the club’s, else any', () => {
    const names = { en: 'Ten classes', de: 'Zehnerkarte' };
    expect(pickLocal(names, 'de', ['en'])).toBe('Zehnerkarte');
    expect(pickLocal(names, 'fr', ['en', 'de'])).toBe('Ten classes');
    expect(pickLocal({ it: 'Dieci' }, 'de', ['en'])).toBe('Dieci');
    expect(pickLocal({}, 'de', ['en'])).toBe('');
  });

  it('counts the passes that block deletion: active, not expired, sessions left', () => {
    const t = aTemplate();
    const who = aMember({ name: 'Ada' });
    const view = replicaOf({
      members: [who],
      templates: [t],
      passes: [
        aPass({ templateId: t.id, memberId: who.memberId }),
        aPass({ templateId: t.id, memberId: who.memberId, expiresOn: today }),
        aPass({ templateId: t.id, memberId: who.memberId, expiresOn: '2025-03-09' }),
        aPass({ templateId: t.id, memberId: who.memberId, balance: 0 }),
        aPass({ templateId: t.id, memberId: who.memberId, active: false }),
      ],
    });
    expect(passesInUse(view, t.id, today)).toBe(2);
    expect(templateRows(view, { locale: 'en', clubLocales: ['en'], today })[0]).toMatchObject({
      inUse: 2,
      passes: 5,
    });
  });

  it('lists templates by name, deleted ones last, with their training types', () => {
    const yoga = aTrainingType({ name: 'Yoga' });
    const view = replicaOf({
      trainingTypes: [yoga],
      templates: [
        aTemplate({ names: { en: 'Zumba card' } }),
        aTemplate({ names: { en: 'Old card' }, deletedAt: '2025-01-01T00:00:00.000Z' }),
        aTemplate({ names: { en: 'Annual' }, trainingTypeIds: [yoga.id, uuid()] }),
      ],
    });
    const rows = templateRows(view, { locale: 'en', clubLocales: ['en'], today });
    expect(rows.map((r) => [r.name, r.deleted, r.trainingTypes])).toEqual([
      ['Annual', false, ['Yoga']],
      ['Zumba card', false, []],
      ['Old card', true, []],
    ]);
  });
});

describe('template form', () => {
  const locales = ['en', 'de'];

  it('turns a filled form into the mutation’s fields', () => {
    const [a, b] = ['30000000-0000-4000-8000-00000000000a', '30000000-0000-4000-8000-00000000000b'];
    const form = {
      ...emptyTemplateForm(locales),
      names: { en: ' Ten classes ', de: '' },
      descriptions: { en: '', de: 'Für alle Kurse' },
      sessions: '10',
      price: '89,50',
      currency: 'eur',
      validityDays: '90',
      trainingTypeIds: [b, a],
    };
    expect(templateFields(form, locales, keyT)).toEqual({
      ok: true,
      fields: {
        names: { en: 'Ten classes' },
        descriptions: { de: 'Für alle Kurse' },
        sessions: 10,
        priceMinor: 8950,
        currency: 'EUR',
        validityDays: 90,
        trainingTypeIds: [a, b],
      },
    });
  });

  it('names every problem by its field', () => {
    const form = {
      ...emptyTemplateForm(locales),
      names: { en: '', de: 'Zehnerkarte' },
      sessions: '0',
      price: '12.3456',
      currency: 'XX',
      validityDays: 'ninety',
    };
    const result = templateFields(form, locales, keyT);
    expect(result).toEqual({
      ok: false,
      errors: {
        'names.en': 'manageTemplates.nameRequired',
        sessions: 'validation.numberRange {"min":1,"max":1000}',
        validityDays: 'validation.numberRange {"min":1,"max":3650}',
        currency: 'manageTemplates.currencyInvalid',
        price: 'manageTemplates.priceInvalid {"digits":2}',
      },
    });
  });

  it('leaves lengths and the price ceiling to the shared schema', () => {
    const form = {
      ...emptyTemplateForm(['en']),
      names: { en: 'x'.repeat(101) },
      price: '2000000',
    };
    expect(templateFields(form, ['en'], keyT)).toEqual({
      ok: false,
      errors: {
        'names.en': 'validation.tooLong {"max":100}',
        price: 'manageTemplates.priceTooHigh',
      },
    });
  });

  it('round-trips a template through the form, and an edit sends only what changed', () => {
    const t = aTemplate({
      names: { en: 'Ten classes', de: 'Zehnerkarte' },
      descriptions: { en: 'Any class' },
      priceMinor: 8900,
    });
    const form = templateToForm(t, ['en'], 'de');
    expect(form.price).toBe('89,00');
    expect(form.names).toEqual({ en: 'Ten classes', de: 'Zehnerkarte' });
    const same = templateFields(form, ['en'], keyT);
    if (!same.ok) throw new Error('expected a valid form');
    expect(templateChanges(t, same.fields)).toEqual({});

    const edited = templateFields({ ...form, price: '95', validityDays: '120' }, ['en'], keyT);
    if (!edited.ok) throw new Error('expected a valid form');
    expect(templateChanges(t, edited.fields)).toEqual({ priceMinor: 9500, validityDays: 120 });

    const cleared = templateFields({ ...form, descriptions: { en: '' } }, ['en'], keyT);
    if (!cleared.ok) throw new Error('expected a valid form');
    expect(templateChanges(t, cleared.fields)).toEqual({ descriptions: {} });
  });
});
