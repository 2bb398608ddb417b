import { webcrypto } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  codeMessage,
  compressPoint,
  phoneCode,
  readPhoneCert,
  stepAt,
  toBase64Url,
} from '@turnout/shared';
import { mergeResults, percentile, printTable } from '@turnout/server/bench';
import { buildClub } from '@turnout/server/builders';
import { startTestServer } from '@turnout/server/testing';
import { SyncStatus } from '../pages/SyncStatus';
import { withFakeCamera, writeCodeVideo } from '../support/camera';
import { chromeFlags, chromePath } from '../support/chromium';

/**
 * The door (issue 13): a host's phone, offline, with Chromium's fake camera
 * filming members' phone codes one after the other. Per code: from the
 * camera frame the code was read from to the member checked in and the
 * change committed to the outbox (`turnout:door:scanToQueued`, measured by
 * the app). Figures go to bench-results.json under `door.*`; nothing here
 * asserts.
 */

const MEMBERS = 2000;
const SCANNED = 20;
const PASSWORD = 'a long enough password';
const FPS = 10;
/** Each code stays in view 1.5 s, as a member holding up a phone would. */
const FRAMES_EACH = 15;

const figures: Record<string, number> = {};
const round = (n: number) => Math.round(n * 100) / 100;

const server = await startTestServer();
console.log(`seeding a club with ${MEMBERS} members…`);
const club = await buildClub(server.deps, {
  members: MEMBERS,
  sessions: 1,
  passSessions: 10,
  password: PASSWORD,
});
const [sessionId] = club.sessionIds as [string];

/** A member's phone as the app makes it: its own key, certified by the club. */
async function memberPhone(email: string) {
  const client = server.client();
  await client.api.auth.login.mutate({ email, password: PASSWORD });
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
  ]);
  const raw = new Uint8Array(await webcrypto.subtle.exportKey('raw', keys.publicKey));
  const { cert } = await client.api.door.certify.mutate({
    clubId: club.clubId,
    deviceKey: toBase64Url(compressPoint(raw)),
  });
  const bytes = readPhoneCert(cert)!.bytes;
  return async (at: number) => {
    const step = stepAt(at);
    const signature = await webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      keys.privateKey,
      codeMessage(bytes, step),
    );
    return phoneCode(bytes, step, new Uint8Array(signature));
  };
}

console.log(`certifying ${SCANNED} members' phones…`);
const phones = await Promise.all(club.memberEmails.slice(0, SCANNED).map(memberPhone));

const dir = mkdtempSync(join(tmpdir(), 'turnout-door-bench-'));
const camera = join(dir, 'camera.y4m');
writeCodeVideo(camera, [null]);
const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
  ...withFakeCamera({ executablePath: chromePath, args: chromeFlags }, camera),
  baseURL: server.localUrl,
  viewport: { width: 360, height: 740 },
});

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/login');
  await page.getByLabel('Email').fill(club.ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${server.localUrl}/`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await new SyncStatus(page).settled();
  await page.goto(`/sessions/${sessionId}`);
  await page.getByRole('button', { name: 'Scan codes' }).waitFor();
  await context.setOffline(true);

  // Made now, so every code is fresh while the video plays (about half a minute).
  const now = Date.now();
  const codes = await Promise.all(phones.map((codeAt) => codeAt(now)));
  writeCodeVideo(camera, [null, ...codes], { fps: FPS, framesEach: FRAMES_EACH });
  await page.getByRole('button', { name: 'Scan codes' }).click();
  const scans = await collectScans(page, SCANNED, ((SCANNED + 2) * FRAMES_EACH * 1000) / FPS);
  figures['door.scanned'] = scans.length;
  figures['door.scanToQueued.p50Ms'] = round(percentile(scans, 50));
  figures['door.scanToQueued.p95Ms'] = round(percentile(scans, 95));
  figures['door.scanToQueued.maxMs'] = round(Math.max(...scans));
  // Where the time goes: reading a frame (ZXing in WebAssembly here: Debian's Chromium has no
  // native BarcodeDetector), judging the code on the device (two P-256 signature checks and the
  // check-in rules), and judging + showing + committing to the outbox.
  const parts = {
    read: 'turnout:door:read',
    judge: 'turnout:queue:judge',
    stored: 'turnout:queue:stored',
  };
  for (const [part, measure] of Object.entries(parts)) {
    const values = await page.evaluate(
      (name) => performance.getEntriesByName(name).map((e) => e.duration),
      measure,
    );
    if (values.length === 0) continue;
    figures[`door.${part}.p50Ms`] = round(percentile(values, 50));
    figures[`door.${part}.p95Ms`] = round(percentile(values, 95));
  }
} finally {
  await context.close().catch(() => undefined);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

printTable(figures);
mergeResults(figures);

/** The app's `turnout:door:scanToQueued` measures, until `count` arrived or `timeoutMs` passed. */
async function collectScans(page: Page, count: number, timeoutMs: number): Promise<number[]> {
  const read = () =>
    page.evaluate(() =>
      performance.getEntriesByName('turnout:door:scanToQueued').map((e) => e.duration),
    );
  const until = Date.now() + timeoutMs;
  let scans = await read();
  while (scans.length < count && Date.now() < until) {
    await page.waitForTimeout(500);
    scans = await read();
  }
  return scans;
}
