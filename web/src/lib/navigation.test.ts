import { describe, expect, it } from 'vitest';
import { loginUrl, safeReturnPath } from './navigation';

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
