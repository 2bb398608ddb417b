import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { baseURL } from '../support/env';

test('the app is installable, with its manifest and icons found from any page', async ({
  launchOptions,
}) => {
  // Installability is only judged in a real (non-incognito) profile.
  const profile = mkdtempSync(join(tmpdir(), 'turnout-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/invite/ABCDE-FGHJK'); // a deep link
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
      'href',
      '/manifest.webmanifest',
    );
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${baseURL}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    for (const icon of ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png']) {
      const response = await page.request.get(`/icons/${icon}`);
      expect(response.headers()['content-type'], icon).toBe('image/png');
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
