import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mutationTable } from '@turnout/shared';

/**
 * The mutation table in docs/protocol.md is made from the definitions, not
 * kept beside them. `pnpm --filter @turnout/server docs` rewrites it; this
 * test fails when it is out of date.
 */
const protocol = fileURLToPath(new URL('../../../docs/protocol.md', import.meta.url));
const start =
  '<!-- mutation-table:start (made from shared/src/mutations; pnpm --filter @turnout/server docs) -->';
const end = '<!-- mutation-table:end -->';

/** Cells of a Markdown table, whitespace-insensitive (prettier may re-pad it). */
const cells = (table: string) =>
  table
    .trim()
    .split('\n')
    .filter((line) => !/^\|\s*-/.test(line))
    .map((line) => line.split(' | ').map((c) => c.replace(/^\|\s*|\s*\|$/g, '').trim()));

describe('docs/protocol.md', () => {
  it('lists every mutation as the definitions say (args and who may send it)', () => {
    const text = fs.readFileSync(protocol, 'utf8');
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    expect(from, 'the table markers in docs/protocol.md').toBeGreaterThan(-1);
    const current = text.slice(from + start.length, to);
    const made = mutationTable();
    if (process.env.TURNOUT_WRITE_DOCS === '1') {
      fs.writeFileSync(
        protocol,
        `${text.slice(0, from + start.length)}\n\n${made}\n\n${text.slice(to)}`,
      );
      return;
    }
    expect(cells(current)).toEqual(cells(made));
  });
});
