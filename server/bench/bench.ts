import fs from 'node:fs';
import path from 'node:path';

/**
 * The benchmark runner's contract: each bench returns flat figures keyed
 * like `pull.host.initial.serverMs.p50`; the runner prints them and merges
 * them into bench-results.json at the repository root.
 */
export interface Bench {
  name: string;
  run(): Promise<Record<string, number>>;
}

export const resultsFile = path.resolve(import.meta.dirname, '../../bench-results.json');

export function mergeResults(figures: Record<string, number>, file = resultsFile): void {
  const previous = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>)
    : {};
  const merged = { ...previous, ...figures };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

export function printTable(figures: Record<string, number>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [key, value] of Object.entries(figures)) {
    const shown = Number.isInteger(value)
      ? value.toLocaleString('en')
      : value.toFixed(Math.abs(value) < 10 ? 3 : 1);
    console.log(`  ${key.padEnd(width)}  ${shown.padStart(12)}`);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
