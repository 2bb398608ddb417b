import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startSmtpPeer, type SmtpPeer } from '@turnout/server/smtp-peer';
import { AppShell } from '../pages/AppShell';
import { LoginPage } from '../pages/LoginPage';
import { PeoplePage } from '../pages/PeoplePage';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { port, webDir } from '../support/env';
import { startServer, type RunningServer } from '../support/server';

/**
 * Passwords and profile in Chromium (issue 14 item 1). The forgot-password
 * story runs against a server of its own that mails to a real SMTP peer on
 * loopback, and follows the link from the mail as it arrived.
 */

const NEW_PASSWORD = 'my new password 2';

test.describe('forgot password by mail', () => {
  let peer: SmtpPeer;
  let server: RunningServer;
  let dataDir: string;

  test.beforeAll(async () => {
    peer = await startSmtpPeer();
    dataDir = mkdtempSync(join(tmpdir(), 'turnout-e2e-reset-'));
    const mailingPort = port + 2;
    server = await startServer({
      port: mailingPort,
      dataDir,
      webDir,
      env: {
        SMTP_URL: peer.url,
        MAIL_FROM: 'Riverside Dance <club@example.org>',
        PUBLIC_URL: `http://127.0.0.1:${mailingPort}`,
      },
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await peer?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a member who forgot the password sets a new one with the link from the mail', async ({
    page,
  }) => {
    const club = await SeededClub.create('Riverside Dance', {
      baseURL: server.baseURL,
      token: server.setupToken,
    });
    const mia = await club.addPerson('Mia Member');
    const login = new LoginPage(page);

    await test.step('login links to "forgot password", which answers without telling whether the account exists', async () => {
      await page.goto(`${server.baseURL}/login`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expect(page).toHaveURL(`${server.baseURL}/forgot`);
      await expectAccessible(page, 'the forgot-password page');
      await page.getByLabel('Email').fill('nobody@example.org');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect(page.getByTestId('forgot-sent')).toContainText(
        'If an account exists for nobody@example.org',
      );

      await page.reload();
      await page.getByLabel('Email').fill(mia.email.toUpperCase());
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect(page.getByTestId('forgot-sent')).toContainText(
        `If an account exists for ${mia.email}`,
      );
    });

    let link = '';
    await test.step('one mail arrives, for the account only, with a working link', async () => {
      const [mail] = await peer.waitForMessages(1);
      expect(mail?.to).toEqual([mia.email]);
      link = /https?:\/\/\S+\/reset\/[\w-]+/.exec(mail?.text ?? '')?.[0] ?? '';
      expect(link.startsWith(`${server.baseURL}/reset/`)).toBe(true);
      expect(mail?.html).toContain(link);
    });

    await test.step('the link greets her; the new password logs her in', async () => {
      await page.goto(link);
      await expect(page.getByText('Hello Mia Member, choose a new password.')).toBeVisible();
      await expectAccessible(page, 'the reset page');
      await page.getByLabel('New password').fill('short');
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await expect(page.getByLabel('New password')).toHaveAccessibleDescription(/at least 10/i);
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await expect(page).toHaveURL(`${server.baseURL}/`);
      await expect(new AppShell(page).header).toContainText('Logged in as Mia Member');
    });

    await test.step('the old password no longer works, the new one does', async () => {
      await new AppShell(page).logout();
      await login.login(mia.email, mia.password);
      await expect(login.status).toContainText('That email and password do not match an account.');
      await login.password.fill(NEW_PASSWORD);
      await login.submitButton.click();
      await expect(page).toHaveURL(`${server.baseURL}/`);
    });

    await test.step('the link works once: opened again, the page says so and offers a new one', async () => {
      await page.goto(link);
      await expect(page.getByTestId('reset-refused')).toContainText('already used');
      await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
      await page.goto(`${server.baseURL}/reset/${'x'.repeat(43)}`);
      await expect(page.getByTestId('reset-refused')).toContainText('not valid');
    });
  });
});

async function logIn(page: Page, email: string, password: string): Promise<void> {
  const login = new LoginPage(page);
  await login.open();
  await login.login(email, password);
  await expect(page).toHaveURL(/\/$/);
}

test('changing the password on the profile logs out the other browser', async ({ browser }) => {
  const club = await SeededClub.create('Hillside Yoga');
  const mia = await club.addPerson('Mia Member');
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const laptopPage = await laptop.newPage();
    const phonePage = await phone.newPage();
    await logIn(laptopPage, mia.email, mia.password);
    await logIn(phonePage, mia.email, mia.password);

    await test.step('the profile lists both logins, this one marked', async () => {
      await new AppShell(laptopPage).nav.getByRole('link', { name: 'Profile' }).click();
      await expect(laptopPage.getByRole('heading', { name: 'Your profile' })).toBeVisible();
      // The seeding client's login too: three in all.
      await expect(laptopPage.getByTestId('logins').getByRole('listitem')).toHaveCount(3);
      await expect(laptopPage.getByTestId('logins')).toContainText('This device');
      await expectAccessible(laptopPage, 'the profile page');
    });

    await test.step('a wrong current password is refused at its field', async () => {
      await laptopPage.getByLabel('Current password').last().fill('not my password');
      await laptopPage.getByLabel('New password').fill(NEW_PASSWORD);
      await laptopPage.getByRole('button', { name: 'Change password' }).click();
      await expect(laptopPage.getByLabel('Current password').last()).toHaveAccessibleDescription(
        /not right/,
      );
    });

    await test.step('the change keeps this browser and ends the others', async () => {
      await laptopPage.getByLabel('Current password').last().fill(mia.password);
      await laptopPage.getByRole('button', { name: 'Change password' }).click();
      await expect(laptopPage.getByTestId('password-changed')).toContainText(
        '2 other devices were logged out.',
      );
      await expect(laptopPage.getByTestId('logins').getByRole('listitem')).toHaveCount(1);

      await phonePage.reload();
      await expect(phonePage).toHaveURL(/\/login/);
      await laptopPage.reload();
      await expect(laptopPage.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    });
  } finally {
    await laptop.close();
    await phone.close();
  }
});

test('a host makes a reset code for a member without mail, who types it in', async ({
  page,
  browser,
}) => {
  const club = await SeededClub.create('Lakeside Judo');
  const host = await club.addPerson('Hana Host', 'host');
  const mia = await club.addPerson('Mia Member');
  let code = '';

  await test.step('on People, the host makes a code for the member (none for the owner)', async () => {
    await logIn(page, host.email, host.password);
    const people = new PeoplePage(page);
    await people.open();
    await expect(
      people.member(club.owner.name).getByRole('button', { name: /password reset code/ }),
    ).toHaveCount(0);
    await people
      .member(mia.name)
      .getByRole('button', { name: `Make a password reset code for ${mia.name}` })
      .click();
    await expect(page.getByTestId('staff-reset')).toContainText(
      `Give this to ${mia.name} in person.`,
    );
    code = (await page.getByTestId('staff-reset-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expectAccessible(page, 'the people page with a reset code');
  });

  const member = await browser.newContext();
  try {
    const memberPage = await member.newPage();
    await test.step('the member types the code under "Forgot your password?" and chooses a password', async () => {
      await memberPage.goto('/forgot');
      await memberPage.getByLabel('Reset code').fill(code.toLowerCase().replace('-', ''));
      await memberPage.getByRole('button', { name: 'Use the code' }).click();
      await expect(memberPage.getByText(`Hello ${mia.name}, choose a new password.`)).toBeVisible();
      await memberPage.getByLabel('New password').fill(NEW_PASSWORD);
      await memberPage.getByRole('button', { name: 'Save the new password' }).click();
      await expect(new AppShell(memberPage).header).toContainText(`Logged in as ${mia.name}`);
    });
  } finally {
    await member.close();
  }
});
