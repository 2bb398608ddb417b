import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7), the same kind devices generate for their records. */
export function newId(): string {
  return v7();
}
