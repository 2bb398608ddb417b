import { describe, expect, it } from 'vitest';
import type { HistoryCursor, HistoryPage } from '@turnout/shared';
import { CallFailure } from '$lib/api';
import { OlderPages } from './older-pages.svelte';

const cursor = (n: number): HistoryCursor => ({
  date: `2025-01-${String(n).padStart(2, '0')}T10:00:00.000Z`,
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
});

describe('OlderPages', () => {
  it('asks page after page with the cursor it was given, until there is nothing older', async () => {
    const asked: (HistoryCursor | undefined)[] = [];
    const pages: HistoryPage<string>[] = [
      { items: ['a', 'b'], next: cursor(2) },
      { items: ['c'], next: null },
    ];
    const older = new OlderPages<string>(async (before) => {
      asked.push(before);
      return pages[asked.length - 1]!;
    });
    expect(older.state).toBe('idle');
    await older.more();
    expect([older.items, older.state]).toEqual([['a', 'b'], 'idle']);
    await older.more();
    expect([older.items, older.state]).toEqual([['a', 'b', 'c'], 'done']);
    await older.more();
    expect(asked).toEqual([undefined, cursor(2)]);
  });

  it('keeps what it has when offline or refused, and tries the same page again', async () => {
    const answers: (() => HistoryPage<string>)[] = [
      () => ({ items: ['a'], next: cursor(1) }),
      () => {
        throw new CallFailure({ code: 'network', message: 'Failed to fetch', fields: {} });
      },
      () => {
        throw new CallFailure({ code: 'rate_limited', message: 'Too many', fields: {} });
      },
      () => ({ items: ['b'], next: null }),
    ];
    const asked: (HistoryCursor | undefined)[] = [];
    const older = new OlderPages<string>(async (before) => {
      asked.push(before);
      return answers[asked.length - 1]!();
    });
    await older.more();
    await older.more();
    expect([older.items, older.state, older.failure?.code]).toEqual([['a'], 'offline', 'network']);
    await older.more();
    expect([older.items, older.state, older.failure?.code]).toEqual([
      ['a'],
      'failed',
      'rate_limited',
    ]);
    await older.more();
    expect([older.items, older.state, older.failure]).toEqual([['a', 'b'], 'done', null]);
    expect(asked).toEqual([undefined, cursor(1), cursor(1), cursor(1)]);
  });
});
