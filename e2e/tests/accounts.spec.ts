import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/AppShell';
import { InvitePage } from '../pages/InvitePage';
import { LoginPage } from '../pages/LoginPage';
import { PeoplePage } from '../pages/PeoplePage';
import { SetupPage } from '../pages/SetupPage';
import { expectAccessible } from '../support/a11y';
import { browserLocale, browserTimeZone, port, setupToken, webDir } from '../support/env';
import { startServer, type RunningServer } from '../support/server';

// One story against a fresh server of its own: each step builds on the
// previous one, and "before setup" holds only where no other test (running
// in the other worker) has created a club yet.
const ownPort = port + 3;
const baseURL = `http://127.0.0.1:${ownPort}`;
let server: RunningServer | undefined;
let dataDir = '';

test.use({ baseURL });

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'turnout-e2e-accounts-'));
  server = await startServer({ port: ownPort, dataDir, webDir });
});

test.afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('an owner sets up a club, invites a member who joins, and manages their role and membership', async ({
  page,
  browser,
}) => {
  const club = 'Riverside Dance';
  const owner = { name: 'Olivia Owner', email: 'olivia@example.org', password: 'owner-password-1' };
  const member = { name: 'Max Member', email: 'max@example.org', password: 'member-password-1' };
  const shell = new AppShell(page);

  await test.step('before setup, the app sends people to login, which points to the setup link', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(new LoginPage(page).setupHint).toBeVisible();
    await expectAccessible(page, 'the login page');
  });

  const setup = new SetupPage(page);
  await test.step('a wrong setup token is refused, with the message shown', async () => {
    await setup.open('not-the-token');
    await expect(setup.timeZone).toHaveValue(browserTimeZone);
    await setup.fill({ clubName: club, ownerName: owner.name, ...owner });
    await setup.submit();
    await expect(setup.status).toContainText('This setup link is not valid');
    await expect(setup.tokenField).toBeFocused();
    await expect(setup.tokenField).toHaveAccessibleDescription(/This setup link is not valid/);
    await expectAccessible(page, 'the setup page showing an error');
  });

  await test.step('the right token creates the club and logs the owner in', async () => {
    await setup.tokenField.fill(setupToken);
    await setup.submit();
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(shell.header).toContainText(club);
    await expect(shell.header).toContainText(`Logged in as ${owner.name}`);
    await expect(shell.header).toContainText('Owner');
    // The club took the browser's time zone (the setup form's default).
    const me = await (await page.request.get('/trpc/auth.me')).json();
    expect(me.result.data.clubs[0].timezone).toBe(browserTimeZone);
    await expect(shell.peopleLink).toBeVisible();
    await expectAccessible(page, 'the home page');
  });

  const login = new LoginPage(page);
  await test.step('logout ends the login; the app asks to log in again', async () => {
    await shell.logout();
    await page.goto('/people');
    await expect(page).toHaveURL(/\/login\?next=%2Fpeople$/);
  });

  await test.step('a wrong password is refused; the right one returns to the intended page', async () => {
    await login.login(owner.email, 'not-the-password');
    await expect(login.status).toContainText('That email and password do not match an account.');
    await login.password.fill(owner.password);
    await login.submitButton.click();
    await expect(page).toHaveURL(`${baseURL}/people`);
    await expect(shell.header).toContainText(club);
  });

  const people = new PeoplePage(page);
  let inviteUrl = '';
  await test.step('the owner creates a member invitation and sees its link and code', async () => {
    await expect(people.member(owner.name)).toContainText(owner.email);
    const invite = await people.createInvite('member');
    expect(invite.url).toMatch(/\/invite\/[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    expect(invite.url.endsWith(invite.code)).toBe(true);
    await expect(people.openInvites).toHaveCount(1);
    await expect(people.openInvites.first()).toContainText('Member');
    inviteUrl = invite.url;
    await expectAccessible(page, 'the people page');
  });

  // The new member uses another device: a separate browser context (own cookies).
  const memberContext = await browser.newContext({
    baseURL,
    locale: browserLocale,
    timezoneId: browserTimeZone,
  });
  try {
    const memberPage = await memberContext.newPage();
    const invitePage = new InvitePage(memberPage);
    const memberShell = new AppShell(memberPage);

    await test.step('the invitation shows the club and role; the person creates an account and joins', async () => {
      await invitePage.open(inviteUrl);
      await expect(invitePage.heading).toHaveText(`Join ${club}`);
      await expect(invitePage.role).toHaveText('You are invited as: Member');
      await expectAccessible(memberPage, 'the invitation page');
      await invitePage.createAccountAndJoin(member);
      await expect(memberPage).toHaveURL(`${baseURL}/`);
      await expect(memberShell.header).toContainText(club);
      await expect(memberShell.header).toContainText(`Logged in as ${member.name}`);
      await expect(memberShell.header).toContainText('Member');
      await expect(memberShell.peopleLink).toHaveCount(0);
    });

    await test.step('a member cannot see the people page and is told why', async () => {
      await memberPage.goto('/people');
      await expect(memberShell.main).toContainText(
        `Only hosts and owners can see the people of ${club}. Your role here is Member`,
      );
      await expect(memberPage.getByRole('button', { name: 'Create invitation' })).toHaveCount(0);
    });

    await test.step('the used invitation cannot be used again', async () => {
      await invitePage.open(inviteUrl);
      await expect(invitePage.status).toContainText('This invitation is not valid any more.');
    });

    await test.step('the owner sees the new member, and the invitation is no longer open', async () => {
      await people.open();
      await expect(people.member(member.name)).toContainText(member.email);
      await expect(people.openInvites).toHaveCount(0);
    });

    await test.step('a logged-in member accepts a host invitation as themselves', async () => {
      const hostInvite = await people.createInvite('host');
      await invitePage.open(hostInvite.url);
      await expect(invitePage.role).toHaveText('You are invited as: Host');
      await invitePage.joinAsButton(member.name).click();
      await expect(memberPage).toHaveURL(`${baseURL}/`);
      await expect(memberShell.header).toContainText('Host');
      await expect(memberShell.peopleLink).toBeVisible();
    });

    await test.step('the owner changes the role back, then removes the member', async () => {
      await people.open();
      await expect(people.member(member.name)).toBeVisible();
      await people.setRole(member.name, 'member');
      await expect(people.notice).toHaveText(`${member.name} is now Member.`);
      await people.remove(member.name);
      await expect(people.notice).toHaveText(`${member.name} was removed from the club.`);
      await expect(people.member(member.name)).toHaveCount(0);
    });

    await test.step('removal from their only club ends the member’s login', async () => {
      await memberPage.goto('/');
      await expect(memberPage).toHaveURL(`${baseURL}/login`);
    });
  } finally {
    await memberContext.close();
  }
});
