import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y';
import { SeededClub, type Person } from '../support/club';
import { baseURL, browserTimeZone } from '../support/env';
import { sessionCookieName } from '../support/api';

/**
 * Every main page of each role, in every language the app has, on a 390 px phone: nothing
 * on the console, no message key shown raw, nothing wider than the screen, no axe finding.
 * The languages are the message files, so a new one is walked as soon as it exists.
 */

const messagesDir = fileURLToPath(new URL('../../web/src/lib/i18n/messages/', import.meta.url));
const languages = readdirSync(messagesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
const sections = Object.keys(
  JSON.parse(readFileSync(`${messagesDir}/en.json`, 'utf8')) as Record<string, unknown>,
);
/** A message key as text: "session.status.going", "sync.waiting". */
const rawKey = new RegExp(`\\b(?:${sections.join('|')})\\.[a-zA-Z_]+(?:\\.[a-zA-Z_]+)*\\b`);

const phone = { width: 390, height: 844 };

interface Walker {
  page: Page;
  language: string;
  /** What the console and the page said that they should not have, since the last check. */
  heard: string[];
  close(): Promise<void>;
}

async function walker(browser: Browser, language: string, person?: Person): Promise<Walker> {
  const context = await browser.newContext({
    baseURL,
    viewport: phone,
    locale: 'en-US',
    timezoneId: browserTimeZone,
    isMobile: true,
    hasTouch: true,
  });
  await context.addInitScript((lang) => localStorage.setItem('turnout.locale', lang), language);
  if (person) {
    const token = person.api.sessionToken;
    if (!token) throw new Error(`${person.name} is not logged in`);
    await context.addCookies([
      { name: sessionCookieName, value: token, url: baseURL, httpOnly: true, sameSite: 'Lax' },
    ]);
  }
  const page = await context.newPage();
  const heard: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      heard.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => heard.push(`page error: ${error.message}`));
  return { page, language, heard, close: () => context.close() };
}

/** Opens a page and waits until it has drawn what it loads (no loading line left). */
async function open(walk: Walker, path: string): Promise<void> {
  await walk.page.goto(path);
  await expect(walk.page.locator('html')).toHaveAttribute('lang', walk.language);
  await expect(walk.page.locator('h1').first()).toBeVisible();
  await expect(walk.page.locator('.loading, [data-loading]')).toHaveCount(0);
}

async function expectClean(walk: Walker, where: string, axe: boolean): Promise<void> {
  const { page } = walk;
  const text = await page.locator('body').innerText();
  const raw = rawKey.exec(text);
  expect(raw?.[0] ?? null, `a message key shown raw on ${where}`).toBeNull();

  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    // Name what sticks out, for the failure message.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return `${root.scrollWidth} > ${root.clientWidth}: ${wide.join(', ')}`;
  });
  expect(overflow, `something wider than the phone on ${where}`).toBeNull();

  // Icons get their shapes once mounted (Icon.svelte): none may be left an empty box.
  const blankIcons = await page.locator('svg[aria-hidden="true"]:not(:has(*))').count();
  expect(blankIcons, `icons drawn without shapes on ${where}`).toBe(0);

  if (axe) await expectAccessible(page, where);
  expect(walk.heard, `the console on ${where}`).toEqual([]);
}

test('every main page, each role, each language: a clean console, words, width and axe', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const club = await SeededClub.create('Lakeside Climbing');
  // The club offers every language the app has (a club offers only its `locales`).
  await club.updateSettings({ locales: languages });
  const host = await club.addPerson('Hana Host', 'host');
  const mia = await club.addPerson('Mia Member');
  const template = await club.createTemplate('10-session pass', 10);
  await club.grantPass(mia, template);
  const open1 = await club.createSession({
    title: 'Evening Bouldering',
    startsInMinutes: -10,
    capacity: 8,
    location: 'Hall B',
  });
  const later = await club.createSession({ title: 'Sunday Stretch', startsInMinutes: 26 * 60 });
  await club.createSession({ title: 'Friday Social', startsInMinutes: 50 * 60, capacity: 1 });
  await club.pushAs(mia, { name: 'signup.create', args: { sessionId: later.id } });
  await club.pushAs(mia, {
    name: 'passRequest.create',
    args: { requestId: randomUUID(), templateId: template, note: 'Paying cash' },
  });
  await club.push({
    name: 'checkin.create',
    args: { sessionId: open1.id, memberId: mia.memberId },
  });
  const invite = await club.owner.api.mutate<{ code: string }>('invites.create', {
    clubId: club.id,
    role: 'member',
  });

  const walks: { who: string; person?: Person; pages: string[] }[] = [
    { who: 'nobody', pages: ['/login', `/invite/${invite.code}`, '/forgot'] },
    {
      who: 'member',
      person: mia,
      pages: [
        '/',
        `/sessions/${later.id}`,
        `/sessions/${open1.id}`,
        '/passes',
        '/history',
        '/code',
        '/calendar',
        '/notifications',
        '/notifications/settings',
        '/profile',
      ],
    },
    {
      who: 'host',
      person: host,
      pages: ['/', `/sessions/${open1.id}`, '/people', '/manage', '/manage/requests'],
    },
    {
      who: 'owner',
      person: club.owner,
      pages: [
        '/manage/sessions',
        '/manage/series',
        '/manage/passes',
        '/manage/templates',
        '/manage/reports',
        '/manage/exports',
        '/manage/settings',
      ],
    },
  ];

  for (const language of languages) {
    for (const { who, person, pages } of walks) {
      // axe on every page in English; in the other languages (where only words change) on the
      // member's pages, which hold the most text. Keeps the walk near two minutes.
      const axe = language === 'en' || who === 'member';
      await test.step(`${who} in ${language}`, async () => {
        const walk = await walker(browser, language, person);
        try {
          for (const path of pages) {
            await open(walk, path);
            await expectClean(walk, `${path} (${who}, ${language})`, axe);
          }
          if (person) {
            // The phone's "More" places open from the bottom bar.
            await walk.page
              .getByRole('navigation')
              .getByRole('button', { expanded: false })
              .click();
            await expectClean(walk, `the "More" places (${who}, ${language})`, axe);
          }
        } finally {
          await walk.close();
        }
      });
    }
  }
});

test('the pass analytics table shows every column on a 1366 px desktop', async ({ browser }) => {
  const club = await SeededClub.create('Lakeside Climbing');
  const mia = await club.addPerson('Mia Member');
  const template = await club.createTemplate('10-session pass', 10);
  await club.grantPass(mia, template);
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1366, height: 800 },
    timezoneId: browserTimeZone,
  });
  try {
    await context.addCookies([
      {
        name: sessionCookieName,
        value: club.owner.api.sessionToken!,
        url: baseURL,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const page = await context.newPage();
    await page.goto('/manage/reports');
    const table = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Sessions used' }) });
    await expect(table.getByRole('rowheader', { name: /10-session pass/ })).toBeVisible();
    for (const column of ['Deactivated', 'Expired']) {
      await expect(table.getByRole('columnheader', { name: column })).toBeInViewport();
    }
    const fits = await table.evaluate((el) => {
      const box = el.parentElement!;
      return box.scrollWidth <= box.clientWidth;
    });
    expect(fits, 'the table fits its box without scrolling').toBe(true);
  } finally {
    await context.close();
  }
});

test('my place in a session is said once; "are you going?" only while it means something', async ({
  browser,
}) => {
  const club = await SeededClub.create('Lakeside Climbing');
  const mia = await club.addPerson('Mia Member');
  const session = await club.createSession({ title: 'Sunday Stretch', startsInMinutes: 26 * 60 });
  const context = await browser.newContext({ baseURL, timezoneId: browserTimeZone });
  try {
    await context.addCookies([
      {
        name: sessionCookieName,
        value: mia.api.sessionToken!,
        url: baseURL,
        httpOnly: true,
        sameSite: 'Lax',
      },
    ]);
    const page = await context.newPage();
    await page.goto(`/sessions/${session.id}`);
    const status = page.getByTestId('my-status');
    const question = page.getByRole('group', { name: 'Are you going?' });
    const going = question.getByRole('button', { name: 'I’m going' });
    const notGoing = question.getByRole('button', { name: 'Not going' });

    await expect(status).toHaveText('You are not signed up.');
    // Nothing said yet: neither answer is chosen.
    await expect(going).toHaveAttribute('aria-pressed', 'false');
    await expect(notGoing).toHaveAttribute('aria-pressed', 'false');

    await notGoing.click();
    await expect(notGoing).toHaveAttribute('aria-pressed', 'true');
    await expect(status).toHaveText('You said you’re not going.');
    await going.click();
    await expect(going).toHaveAttribute('aria-pressed', 'true');
    await expect(notGoing).toHaveAttribute('aria-pressed', 'false');
    await expect(status).toHaveText('You said you’re going. That books no place.');

    // Booking a place says so, and the question goes: it would mean nothing now.
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(status).toHaveText('You are signed up.');
    await expect(question).toHaveCount(0);
    await page.getByRole('button', { name: 'Give up my place' }).click();
    await expect(page.getByTestId('session-notice')).toContainText('You gave up your place.');
    await expect(question).toBeVisible();
  } finally {
    await context.close();
  }
});
