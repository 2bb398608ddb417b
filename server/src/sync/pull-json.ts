import type { PullOutput } from '@turnout/shared';

/**
 * The JSON of rows many pulls send (shared-rows.ts), kept with the row
 * object itself, as UTF-8 bytes: on a busy Saturday forty desks each pull
 * the same check-ins and passes of the last second, and turning those rows
 * into JSON again per desk was the pull worker's largest remaining cost
 * after reading them once. Rows are never changed after they are kept (a
 * version's rows stay what was written at that version), so the bytes stay
 * true.
 */
const bytesOf = new WeakMap<object, Buffer>();

/** Remember a kept row's JSON (shared-rows.ts calls this as it keeps rows). */
export function keepRowJson(row: object): void {
  bytesOf.set(row, Buffer.from(JSON.stringify(row)));
}

const kept = (row: unknown) => typeof row === 'object' && row !== null && bytesOf.has(row);
const comma = Buffer.from(',');

/**
 * The answer's pieces in order: JSON text, and the kept rows' bytes as they
 * are. Put together once at the end, so every byte is copied once.
 */
class Pieces {
  readonly parts: Buffer[] = [];
  #text = '';

  text(s: string): void {
    this.#text += s;
  }

  bytes(b: Buffer): void {
    this.#flush();
    this.parts.push(b);
  }

  done(): Buffer {
    this.#flush();
    return Buffer.concat(this.parts);
  }

  #flush(): void {
    if (this.#text === '') return;
    this.parts.push(Buffer.from(this.#text));
    this.#text = '';
  }
}

/** A list of rows: the kept ones' bytes, the rest as JSON; a list with none kept in one `JSON.stringify`. */
function writeRows(out: Pieces, rows: unknown[]): void {
  if (!rows.some(kept)) return out.text(JSON.stringify(rows));
  out.text('[');
  rows.forEach((row, i) => {
    if (i > 0) out.bytes(comma);
    const bytes = typeof row === 'object' && row !== null ? bytesOf.get(row) : undefined;
    if (bytes) out.bytes(bytes);
    else out.text(JSON.stringify(row));
  });
  out.text(']');
}

/** `{"k":v,…}` of an object's fields in their order, skipping undefined ones as JSON.stringify does. */
function writeObject(out: Pieces, value: object, field: (key: string, v: unknown) => void): void {
  out.text('{');
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === 'function') continue;
    out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    field(key, v);
  }
  out.text('}');
}

/**
 * tRPC's answer to a pull, `{"result":{"data":…}}`, as UTF-8: exactly the
 * bytes of `JSON.stringify`, with each kept row's bytes taken as they are.
 */
export function pullAnswerBytes(output: PullOutput): Buffer {
  const anyKept = Object.values(output.changes).some((change) =>
    (change as { put?: unknown[] } | undefined)?.put?.some(kept),
  );
  // No kept row (a snapshot, a member's page): one JSON.stringify, as before.
  if (!anyKept) return Buffer.from(JSON.stringify({ result: { data: output } }));
  const out = new Pieces();
  out.text('{"result":{"data":');
  writeObject(out, output, (key, v) => {
    if (key !== 'changes') return out.text(JSON.stringify(v));
    writeObject(out, v as object, (_table, change) =>
      writeObject(out, change as object, (field, value) =>
        field === 'put' && Array.isArray(value)
          ? writeRows(out, value)
          : out.text(JSON.stringify(value)),
      ),
    );
  });
  out.text('}}');
  return out.done();
}
