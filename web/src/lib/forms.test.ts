import { loginInput, setupCreateClubInput } from '@turnout/shared';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { toFailure } from './api';
import { failureMessage, fieldErrors, validate } from './forms';
import type { Translate } from './i18n';
import { translator } from './i18n/testing';

/** Shows which catalogue entry was chosen, and with what values. */
const t: Translate = (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key);

describe('validate', () => {
  it('maps the shared schema problems to catalogue messages by field', () => {
    const result = validate(
      setupCreateClubInput,
      { token: '', club: { name: ' ' }, owner: { name: '', email: 'nope', password: 'short' } },
      t,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        token: 'validation.tokenRequired',
        'club.name': 'validation.clubNameRequired',
        'owner.name': 'validation.nameRequired',
        'owner.email': 'validation.emailInvalid',
        'owner.password': 'validation.passwordMin {"min":10}',
      },
    });
  });

  it('returns the parsed (normalised) input when it is valid', () => {
    const result = validate(loginInput, { email: ' Ada@Example.ORG ', password: 'x' }, t);
    expect(result).toEqual({ ok: true, data: { email: 'ada@example.org', password: 'x' } });
  });

  it('asks for the password at login rather than for a long one', () => {
    const result = validate(loginInput, { email: 'ada@example.org', password: '' }, t);
    expect(result).toEqual({ ok: false, errors: { password: 'validation.passwordRequired' } });
  });
});

describe('failures', () => {
  it('words a refusal to wait in the person’s language, never the server’s English', () => {
    const failure = {
      code: 'rate_limited' as const,
      message: 'Too many attempts. Try again in 42 seconds.',
      fields: {},
    };
    expect(failureMessage(failure, translator('de'))).toBe(
      'Zu viele Versuche. Bitte warte eine Minute und versuche es dann erneut.',
    );
    expect(failureMessage({ ...failure, retryAfterMs: 41_200 }, translator('fr'))).toBe(
      'Trop de tentatives. Réessaie dans 42 secondes.',
    );
  });

  it('calls a request that got no answer from the server a network problem', () => {
    const failure = toFailure(new TRPCClientError('Failed to fetch'));
    expect(failure.code).toBe('network');
    expect(failureMessage(failure, t)).toBe('errors.network');
  });

  it('keeps the stable code and field problems the server answered with', () => {
    const error = TRPCClientError.from({
      error: {
        code: -32600,
        message: 'Some of the details sent are missing or not valid.',
        data: {
          code: 'invalid_args',
          httpStatus: 400,
          issues: [{ path: 'owner.email', message: 'Enter a valid email address' }],
        },
      },
    });
    expect(toFailure(error)).toEqual({
      code: 'invalid_args',
      message: 'Some of the details sent are missing or not valid.',
      fields: { 'owner.email': 'Enter a valid email address' },
      issues: [{ path: 'owner.email', message: 'Enter a valid email address' }],
    });
  });

  it("words the server's field problems from their codes, in the person's language", () => {
    const error = TRPCClientError.from({
      error: {
        code: -32600,
        message: 'Some of the details sent are missing or not valid.',
        data: {
          code: 'invalid_args',
          httpStatus: 400,
          issues: [
            {
              path: 'owner.email',
              message: 'Enter a valid email address',
              code: 'invalid_format',
              format: 'email',
            },
            { path: 'owner.name', message: 'Too long', code: 'too_big', maximum: 80 },
            { path: 'owner.email', message: 'A second problem of the same field' },
            { path: 'note', message: 'Something the device has no words for', code: 'custom' },
          ],
        },
      },
    });
    expect(fieldErrors(toFailure(error), t)).toEqual({
      'owner.email': 'validation.emailInvalid',
      'owner.name': 'validation.tooLong {"max":80}',
      note: 'Something the device has no words for',
    });
    // An answer from an older server, without codes: its words, as before.
    const old = { code: 'invalid_args' as const, message: 'x', fields: { a: 'Enter a name' } };
    expect(fieldErrors(old, t)).toEqual({ a: 'Enter a name' });
  });

  it('treats anything else thrown as an internal problem', () => {
    expect(toFailure(new Error('boom')).code).toBe('internal');
  });
});
