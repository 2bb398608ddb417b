import { describe, expect, it } from 'vitest';
import { deviceName, explanationSchema, pushInput } from './mutations.js';
import { uuid } from '../testing/index.js';

describe('a device name', () => {
  it('is trimmed and 1–60 characters of text', () => {
    expect(deviceName.parse('  Front desk tablet ')).toBe('Front desk tablet');
    expect(deviceName.parse('Tablette d’accueil – salle 2')).toBe('Tablette d’accueil – salle 2');
    expect(deviceName.safeParse('   ').success).toBe(false);
    expect(deviceName.safeParse('x'.repeat(61)).success).toBe(false);
  });

  it('has no control or invisible formatting characters (it is printed into sentences and CSV files)', () => {
    for (const bad of ['Front\ndesk', 'Tab\u0000let', 'Desk\u202e', 'a\u2028b']) {
      expect(deviceName.safeParse(bad).success).toBe(false);
    }
  });

  it('travels with a push, which refuses a bad one', () => {
    const base = { clubId: uuid(), clientId: uuid(), mutations: [] };
    expect(pushInput.parse({ ...base, deviceLabel: ' Door ' }).deviceLabel).toBe('Door');
    expect(pushInput.safeParse({ ...base, deviceLabel: 'x'.repeat(200) }).success).toBe(false);
  });
});

describe('an explanation on the wire', () => {
  it('takes what won a place or a credit, and nothing else', () => {
    const at = '2025-03-11T16:52:00.000Z';
    const taken = { kind: 'place_taken', record: 'checkin', at, device: null, memberName: 'Noah' };
    expect(explanationSchema.parse(taken)).toEqual(taken);
    const used = {
      kind: 'credit_used',
      record: 'signup',
      at,
      device: 'Phone',
      sessionTitle: 'Yoga',
    };
    expect(explanationSchema.parse(used)).toEqual(used);
    expect(explanationSchema.safeParse({ ...taken, kind: 'other' }).success).toBe(false);
  });
});
