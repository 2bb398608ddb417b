import { expect, test, type Browser } from '@playwright/test';
import { sessionCookieName } from '../support/api';
import { SeededClub, type Person } from '../support/club';
import { baseURL, browserTimeZone } from '../support/env';

const iPhoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

async function phoneOf(browser: Browser, person: Person, userAgent?: string) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    timezoneId: browserTimeZone,
    ...(userAgent ? { userAgent } : {}),
  });
  await context.addCookies([
    {
      name: sessionCookieName,
      value: person.api.sessionToken!,
      url: baseURL,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
  return context;
}

test('where the browser offers installing, the sessions list says so once; dismissed, it stays away', async ({
  browser,
}) => {
  const club = await SeededClub.create('Lakeside Climbing');
  const mia = await club.addPerson('Mia Member');
  const context = await phoneOf(browser, mia);
  try {
    const page = await context.newPage();
    await page.goto('/');
    const hint = page.getByRole('complementary', { name: 'Add Turnout to your home screen' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Headless Chromium never offers it by itself: the offer the browser would make.
    await page.evaluate(() => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: () => {
          (window as { prompted?: boolean }).prompted = true;
          return Promise.resolve();
        },
        userChoice: Promise.resolve({ outcome: 'dismissed' }),
      });
      window.dispatchEvent(offer);
    });
    await expect(hint).toBeVisible();
    await expect(hint.getByText('Share button')).toHaveCount(0);

    // Installing asks the browser; turned down there, the hint is not offered again.
    await hint.getByRole('button', { name: 'Install' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as { prompted?: boolean }).prompted))
      .toBe(true);
    await expect(hint).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(hint).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test('on iOS Safari the hint tells the Share steps, and "hide" is remembered', async ({
  browser,
}) => {
  const club = await SeededClub.create('Lakeside Climbing');
  const mia = await club.addPerson('Mia Member');
  const context = await phoneOf(browser, mia, iPhoneSafari);
  try {
    const page = await context.newPage();
    await page.goto('/');
    const hint = page.getByRole('complementary', { name: 'Add Turnout to your home screen' });
    await expect(hint).toContainText('In Safari, tap the Share button, then “Add to Home Screen”.');
    await hint.getByRole('button', { name: 'Hide this hint' }).click();
    await expect(hint).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(hint).toHaveCount(0);
    // Only on the sessions list, never elsewhere.
    await page.evaluate(() => localStorage.removeItem('turnout.install.dismissed'));
    await page.goto('/passes');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(hint).toHaveCount(0);
  } finally {
    await context.close();
  }
});
