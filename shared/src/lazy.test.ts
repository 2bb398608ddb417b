import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazy } from './lazy.js';
import { mutationArgs, mutationDefinitions, mutationNames } from './mutations/index.js';
import { pushInput } from './protocol/mutations.js';

describe('lazy', () => {
  it('builds on first read, once, and then behaves as what it built', () => {
    let builds = 0;
    const name = lazy(() => {
      builds++;
      return z.string().trim().min(2);
    });
    expect(builds).toBe(0);
    expect(name.parse('  Mia ')).toBe('Mia');
    expect(name.safeParse('M').success).toBe(false);
    expect(name instanceof z.ZodString).toBe(true);
    expect('~standard' in name).toBe(true);
    // Inside another schema, and derived from.
    const person = z.object({ name, nick: name.optional() });
    expect(person.parse({ name: ' Max ' })).toEqual({ name: 'Max' });
    expect(() => person.parse({ name: 'M' })).toThrow();
    expect(builds).toBe(1);
  });

  it('spreads and lists a lazy record like the record', () => {
    const fields = lazy(() => ({ a: z.number(), b: z.boolean() }));
    expect(Object.keys(fields)).toEqual(['a', 'b']);
    expect(z.object({ ...fields }).parse({ a: 1, b: true })).toEqual({ a: 1, b: true });
  });
});

describe('the mutation catalogue', () => {
  it('names every defined mutation, each with its own args schema', () => {
    expect(mutationNames).toEqual(Object.keys(mutationDefinitions));
    for (const name of mutationNames) {
      expect(typeof mutationArgs[name].safeParse, name).toBe('function');
    }
  });

  it('validates a push whose parts are built on first use', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    const ok = pushInput.safeParse({
      clubId: id,
      clientId: id,
      mutations: [
        { id, clientId: id, seq: 0, name: 'x', args: {}, occurredAt: '2026-12-07T10:00:00Z' },
      ],
    });
    expect(ok.success).toBe(true);
    expect(pushInput.safeParse({ clubId: 'nope', clientId: id, mutations: [] }).success).toBe(
      false,
    );
  });
});
