import { expect, test } from '@playwright/test';
import { sessionCookieName } from '../support/api';
import { SeededClub } from '../support/club';
import { baseURL } from '../support/env';

test.use({ locale: 'de-DE' });

test('the app speaks the browser’s language, and a chosen language is remembered', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einloggen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByLabel('Passwort')).toBeVisible();

  // Before login every language the app has is offered.
  const switcher = page.getByLabel('Sprache');
  await expect(switcher.locator('option')).toHaveText(['English', 'Deutsch', 'Français']);

  await switcher.selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});

test('the club’s languages are the ones offered; a language it does not offer falls back to its first', async ({
  browser,
}) => {
  const club = await SeededClub.create('Club Lumière');
  await club.updateSettings({ locales: ['fr', 'de'] });
  const mia = await club.addPerson('Mia Member');
  const token = mia.api.sessionToken;
  if (!token) throw new Error('Mia is not logged in');

  // Mia's browser speaks English, which the club does not offer.
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  await context.addCookies([
    { name: sessionCookieName, value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' },
  ]);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  const switcher = page.getByLabel('Langue', { exact: true });
  await expect(switcher.locator('option')).toHaveText(['Français', 'Deutsch']);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();

  await switcher.selectOption('de');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByLabel('Sprache', { exact: true })).toHaveValue('de');
  await context.close();
});
