import { attentionBench } from './attention.bench.js';
import { mergeResults, printTable, resultsFile, type Bench } from './bench.js';
import { exportBench } from './export.bench.js';
import { historyBench } from './history.bench.js';
import { loadBench } from './load.bench.js';
import { pgBench } from './pg.bench.js';
import { pullBench } from './pull.bench.js';
import { pushBench } from './push.bench.js';

/** `pnpm bench`: every benchmark in turn; add new ones to this list. */
const benches: Bench[] = [
  pushBench,
  pullBench,
  historyBench,
  attentionBench,
  exportBench,
  loadBench,
  pgBench,
];

const only = process.argv[2];
for (const bench of benches) {
  if (only && bench.name !== only) continue;
  console.log(`\n${bench.name}`);
  const figures = await bench.run();
  printTable(figures);
  mergeResults(figures);
}
console.log(`\nfigures merged into ${resultsFile}`);
