import { defaultChoices } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import {
  cacheChoices,
  choiceRows,
  choicesKey,
  hiddenKinds,
  readCachedChoices,
  withChannel,
} from './notify-choices';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('notification choices on the device', () => {
  it('hide the kinds turned off in the app, none before the choices are known', () => {
    expect(hiddenKinds(null).size).toBe(0);
    expect(hiddenKinds(defaultChoices).size).toBe(0);
    const off = withChannel(defaultChoices, 'spot_open', 'in_app', false);
    expect([...hiddenKinds(off)]).toEqual(['spot_open']);
    // Only that channel of that kind changed.
    expect(off.spot_open).toEqual({ ...defaultChoices.spot_open, in_app: false });
    expect(off.promoted).toEqual(defaultChoices.promoted);
  });

  it('list every kind with its three channels in order', () => {
    const rows = choiceRows(defaultChoices);
    expect(rows.map((r) => r.kind)).toEqual(Object.keys(defaultChoices));
    expect(rows.find((r) => r.kind === 'spot_open')?.cells).toEqual([
      { channel: 'in_app', on: true },
      { channel: 'email', on: false },
      { channel: 'push', on: true },
    ]);
  });

  it('are kept per person and read back only when well formed', () => {
    const storage = memoryStorage();
    expect(readCachedChoices(storage, 'u1', defaultChoices)).toBeNull();
    const known = {
      choices: withChannel(defaultChoices, 'promoted', 'email', false),
      mailConfigured: false,
    };
    cacheChoices(storage, 'u1', known);
    expect(readCachedChoices(storage, 'u1', defaultChoices)).toEqual(known);
    expect(readCachedChoices(storage, 'u2', defaultChoices)).toBeNull();

    storage.setItem(
      choicesKey('u3'),
      '{"choices":{"promoted":{"email":"no"}},"mailConfigured":true}',
    );
    expect(readCachedChoices(storage, 'u3', defaultChoices)).toBeNull();
    storage.setItem(choicesKey('u4'), 'not json');
    expect(readCachedChoices(storage, 'u4', defaultChoices)).toBeNull();
    // Kinds missing from what was kept follow the defaults.
    storage.setItem(
      choicesKey('u5'),
      JSON.stringify({
        choices: { promoted: { in_app: false, email: true, push: true } },
        mailConfigured: true,
      }),
    );
    const partial = readCachedChoices(storage, 'u5', defaultChoices);
    expect(partial?.choices.promoted.in_app).toBe(false);
    expect(partial?.choices.session_reminder).toEqual(defaultChoices.session_reminder);
  });
});
