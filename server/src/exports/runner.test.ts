import { describe, expect, it } from 'vitest';
import type { ExportJob } from './job.js';
import { ExportFailed, ExportSlots, startExport } from './runner.js';

describe('startExport', () => {
  it('fails before sending anything when the database cannot be opened', async () => {
    const job: ExportJob = {
      kind: 'attendance',
      databaseFile: '/nonexistent/turnout.db',
      clubId: '00000000-0000-4000-8000-000000000000',
      range: { from: undefined, to: undefined },
      timezone: 'UTC',
      locales: ['en'],
      now: new Date().toISOString(),
      gzip: false,
    };
    const sent: Uint8Array[] = [];
    let begun = false;
    const running = await startExport(job, {
      begin: () => (begun = true),
      write: (bytes) => sent.push(bytes) > 0,
      onDrain: () => undefined,
      end: () => undefined,
    });
    const error = await running.finished.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExportFailed);
    expect((error as ExportFailed).begun).toBe(false);
    expect((error as ExportFailed).message).toMatch(/unable to open database file|directory/i);
    expect(begun).toBe(false);
    expect(sent).toEqual([]);
  });
});

describe('ExportSlots', () => {
  it('gives out as many slots as it has, and one again once released (twice is once)', () => {
    const slots = new ExportSlots(2);
    const first = slots.take();
    const second = slots.take();
    expect(first && second).toBeTruthy();
    expect(slots.take()).toBeUndefined();
    first!();
    first!();
    expect(slots.running).toBe(1);
    expect(slots.take()).toBeDefined();
    expect(slots.take()).toBeUndefined();
  });
});
