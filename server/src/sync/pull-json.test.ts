import type { PullOutput } from '@turnout/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepRowJson, pullAnswerBytes } from './pull-json.js';

const pullAnswerJson = (output: PullOutput) => pullAnswerBytes(output).toString('utf8');

const answer = (output: PullOutput) => JSON.stringify({ result: { data: output } });

describe('pullAnswerBytes', () => {
  it('writes what JSON.stringify writes, with cached and fresh rows mixed', () => {
    const cached = { id: 'a', balance: 3, note: 'Ünïcode "quoted"\n', flags: [] };
    keepRowJson(cached);
    const output: PullOutput = {
      cursor: 'c1',
      serverTime: '2026-12-06T23:00:00.000Z',
      reset: false,
      changes: {
        passes: { put: [cached, { id: 'b', balance: 0, gone: undefined }] as never[], del: ['x'] },
        sessionCounts: { put: [], del: [] },
      },
      hasMore: false,
      nextBefore: undefined,
    };
    expect(pullAnswerJson(output)).toBe(answer(output));
  });

  it('uses the kept text of a cached row (it is the row as it was cached)', () => {
    const row = { id: 'r', balance: 5 };
    keepRowJson(row);
    const text = pullAnswerJson({
      cursor: 'c',
      serverTime: 't',
      reset: true,
      changes: { passes: { put: [row] as never[], del: [] } },
      hasMore: true,
    });
    expect(JSON.parse(text).result.data.changes.passes.put).toEqual([{ id: 'r', balance: 5 }]);
  });

  it('matches JSON.stringify for any page', () => {
    const row = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 5,
    });
    const change = fc.record({
      put: fc.array(fc.tuple(row, fc.boolean()), { maxLength: 5 }),
      del: fc.array(fc.string(), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('passes', 'attendance', 'members', 'club'), change),
        fc.string(),
        fc.boolean(),
        (tables, cursor, hasMore) => {
          const changes: Record<string, { put: object[]; del: string[] }> = {};
          for (const [table, { put, del }] of Object.entries(tables)) {
            changes[table] = {
              put: put.map(([r, keep]) => {
                if (keep) keepRowJson(r);
                return r;
              }),
              del,
            };
          }
          const output = { cursor, serverTime: 's', reset: false, changes, hasMore } as PullOutput;
          expect(pullAnswerJson(output)).toBe(answer(output));
        },
      ),
    );
  });
});
