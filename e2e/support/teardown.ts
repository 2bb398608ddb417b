import { rmSync } from 'node:fs';

/** Removes the run's temporary server data directory (created in playwright.config.ts). */
export default function teardown(): void {
  const dir = process.env.TURNOUT_E2E_DATA_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
