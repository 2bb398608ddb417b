import type { PullOutput } from '@turnout/shared';

/**
 * The JSON of rows many pulls send (shared-rows.ts), kept with the row
 * object itself: on a busy Saturday forty desks each pull the same
 * check-ins and passes of the last second, and turning those rows into JSON
 * again per desk was the pull worker's largest remaining cost after reading
 * them once. Rows are never changed after they are cached (a version's rows
 * stay what was written at that version), so the text stays true.
 */
const textOf = new WeakMap<object, string>();

/** Remember a cached row's JSON (shared-rows.ts calls this as it caches rows). */
export function keepRowJson(row: object): void {
  textOf.set(row, JSON.stringify(row));
}

function rowJson(row: unknown): string {
  return (typeof row === 'object' && row !== null && textOf.get(row)) || JSON.stringify(row);
}

/** `{"k":v,…}` of an object's fields in their order, skipping undefined ones as JSON.stringify does. */
function objectJson(value: object, field: (key: string, v: unknown) => string): string {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${field(key, v)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * tRPC's answer to a pull, `{"result":{"data":…}}`, exactly as
 * `JSON.stringify` writes it, but with each row's text taken from the cache
 * where it is there.
 */
export function pullAnswerJson(output: PullOutput): string {
  const changes = objectJson(output.changes, (_table, change) =>
    objectJson(change as object, (key, v) =>
      key === 'put' && Array.isArray(v) ? `[${v.map(rowJson).join(',')}]` : JSON.stringify(v),
    ),
  );
  const data = objectJson(output, (key, v) => (key === 'changes' ? changes : JSON.stringify(v)));
  return `{"result":{"data":${data}}}`;
}
