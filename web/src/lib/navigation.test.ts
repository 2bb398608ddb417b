import { describe, expect, it } from 'vitest';
import { loginUrl, placeOf, placesFor, safeReturnPath } from './navigation';

describe('safeReturnPath', () => {
  it('keeps a path on this site', () => {
    expect(safeReturnPath('/invite/ABCDE-FGHJK?x=1')).toBe('/invite/ABCDE-FGHJK?x=1');
  });

  it.each(['//evil.example', '/\\evil.example', 'https://evil.example', 'people', '', null])(
    'refuses %s and returns home instead',
    (value) => {
      expect(safeReturnPath(value)).toBe('/');
    },
  );
});

describe('loginUrl', () => {
  it('remembers where to come back to', () => {
    expect(loginUrl('/people')).toBe('/login?next=%2Fpeople');
  });

  it('needs no return address for the home page', () => {
    expect(loginUrl('/')).toBe('/login');
  });
});

describe('placesFor', () => {
  it('puts every place either on the phone bar or under "More", never both', () => {
    for (const staff of [false, true]) {
      const { all, bar, more } = placesFor(staff);
      expect([...bar, ...more].sort()).toEqual([...all].sort());
      expect(bar.filter((p) => more.includes(p))).toEqual([]);
      // Four places and "More" fit a 360 px phone with room to tap.
      expect(bar).toHaveLength(4);
    }
  });

  it('gives hosts the people, the kiosk and the organizer pages, members not', () => {
    expect(placesFor(false).all).not.toContain('people');
    expect(placesFor(false).all).not.toContain('manage');
    expect(placesFor(true).all).toEqual(expect.arrayContaining(['people', 'kiosk', 'manage']));
    expect(placesFor(true).bar).toEqual(['sessions', 'people', 'manage', 'notifications']);
  });
});

describe('placeOf', () => {
  it.each([
    ['/', 'sessions'],
    ['/sessions/30000000-0000-4000-8000-000000000001', 'sessions'],
    ['/passes', 'passes'],
    ['/history', 'passes'],
    ['/notifications/settings', 'notifications'],
    ['/manage/reports', 'manage'],
    ['/people/card/ABC', 'people'],
    ['/profile', 'profile'],
  ])('%s belongs to %s', (path, place) => {
    expect(placeOf(path)).toBe(place);
  });

  it('does not take a longer word for a place', () => {
    expect(placeOf('/passes-old')).toBeNull();
    expect(placeOf('/elsewhere')).toBeNull();
  });
});
