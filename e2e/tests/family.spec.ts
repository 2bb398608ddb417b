import { expect, test } from '@playwright/test';
import { FamilyPage } from '../pages/FamilyPage';
import { SessionPage } from '../pages/SessionPage';
import { SessionsPage } from '../pages/SessionsPage';
import { expectAccessible } from '../support/a11y';
import { checkInsOf, SeededClub } from '../support/club';
import { Phone } from '../support/phone';

interface MemberAttendance {
  member: { memberId: string; name: string };
  items: { sessionId: string; outcome: string }[];
}

/**
 * Dependants (issue 15 item 1): a parent with no signal adds two children,
 * signs both up and checks one in; after sync the host's roster shows both
 * children under their own names with their parent, and the club's reports
 * name them.
 */
test('a parent, offline, signs two children up and checks one in; the roster and the reports show both by name', async ({
  launchOptions,
}) => {
  test.slow();
  const club = await SeededClub.create('Harbour Judo');
  const host = await club.addPerson('Hana Host', 'host');
  const mia = await club.addPerson('Mia Parent');
  await club.givePass(mia, 10);
  // Starts in 20 minutes: sign-up is still open and so is check-in (30 minutes before).
  const session = await club.createSession({
    title: 'Kids Judo',
    startsInMinutes: 20,
    capacity: 12,
  });

  const phone = await Phone.open(mia, { launchOptions, label: 'the parent’s phone' });
  try {
    const family = new FamilyPage(phone.page);
    const details = new SessionPage(phone.page);

    await test.step('offline, the parent adds two children', async () => {
      await phone.install();
      await family.open();
      await phone.setOffline(true);
      await family.addChild('Lena', 2016);
      await expect(family.notice).toHaveText('Lena is added to your family.');
      await family.addChild('Max');
      await expect(family.list.getByText('Lena', { exact: true })).toBeVisible();
      await expect(family.list.getByText('Max', { exact: true })).toBeVisible();
      await expect(phone.status.waiting(2)).toBeVisible();
      await expectAccessible(phone.page, 'the family page');
    });

    await test.step('still offline, signs both up for the session and checks Lena in', async () => {
      await phone.page.getByRole('link', { name: 'Sessions' }).first().click();
      await new SessionsPage(phone.page).session(session.title).click();
      await details.heading.waitFor();
      const lena = FamilyPage.place(phone.page, 'Lena');
      const max = FamilyPage.place(phone.page, 'Max');
      await lena.getByRole('button', { name: 'Sign Lena up' }).click();
      await expect(lena).toContainText('Lena is signed up.');
      await max.getByRole('button', { name: 'Sign Max up' }).click();
      await expect(max).toContainText('Max is signed up.');
      await lena.getByRole('button', { name: 'Check Lena in' }).click();
      await expect(lena).toContainText('Lena is checked in.');
      await expect(phone.status.waiting(5)).toBeVisible();
      await expectAccessible(phone.page, 'the session page with a family');
    });

    // Nothing reached the server while offline.
    expect(checkInsOf(await club.state(), session.id).size).toBe(0);

    await test.step('back online, everything is synced without refusals', async () => {
      await phone.setOffline(false);
      await expect(phone.status.allSynced).toBeVisible();
      await expect(phone.status.attentionLink).toHaveCount(0);
    });
  } finally {
    await phone.dispose();
  }

  const state = await club.state();
  const pulled = await club.owner.api.query<{
    changes: { members?: { put: { memberId: string; name: string; guardianId?: string }[] } };
  }>('sync.pull', { clubId: club.id });
  const members = pulled.changes.members?.put ?? [];
  const lenaId = members.find((m) => m.name === 'Lena' && m.guardianId === mia.memberId)?.memberId;
  const maxId = members.find((m) => m.name === 'Max' && m.guardianId === mia.memberId)?.memberId;
  expect(lenaId && maxId).toBeTruthy();
  // Lena has no pass of her own: her parent's pass paid, recorded as done by the parent.
  expect(checkInsOf(state, session.id).get(lenaId!)).toMatchObject({
    credits: 1,
    unpaidCredits: 0,
  });

  const desk = await Phone.open(host, { launchOptions, label: 'the host’s phone' });
  try {
    const roster = new SessionPage(desk.page);
    await test.step("the host's roster shows both children under their names, with their parent", async () => {
      await desk.install();
      await roster.open(session.id);
      await expect(roster.row('Lena (Mia Parent’s child)')).toBeVisible();
      await expect(roster.checkedInBadge('Lena (Mia Parent’s child)', 1)).toBeVisible();
      await expect(roster.row('Max (Mia Parent’s child)')).toContainText('Signed up');
    });

    await test.step("the club's reports name both children", async () => {
      // The attendance report lists ended sessions: the owner moves the class to this morning.
      const start = new Date(Date.now() - 3 * 3_600_000);
      const [moved] = await club.push({
        name: 'session.update',
        args: {
          sessionId: session.id,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        },
      });
      expect(moved?.status).toBe('applied');
      await desk.page.goto('/manage/reports');
      const panel = desk.page.getByRole('region', { name: 'A member’s attendance' });
      const member = panel.getByLabel('Member', { exact: true });
      await expect(member.getByRole('option', { name: 'Lena', exact: true })).toHaveCount(1);
      await expect(member.getByRole('option', { name: 'Max', exact: true })).toHaveCount(1);
      await member.selectOption({ label: 'Lena' });
      await panel.getByRole('button', { name: 'Show' }).click();
      await expect(panel.getByRole('paragraph').filter({ hasText: /^Lena$/ })).toBeVisible();
      await expect(panel.getByRole('listitem').filter({ hasText: session.title })).toContainText(
        'Attended',
      );
      await member.selectOption({ label: 'Max' });
      await panel.getByRole('button', { name: 'Show' }).click();
      await expect(panel.getByRole('paragraph').filter({ hasText: /^Max$/ })).toBeVisible();
      await expect(panel.getByRole('listitem').filter({ hasText: session.title })).toContainText(
        'No-show',
      );
    });
  } finally {
    await desk.dispose();
  }

  for (const [id, name] of [
    [lenaId!, 'Lena'],
    [maxId!, 'Max'],
  ] as const) {
    const report = await host.api.query<MemberAttendance>('reports.memberAttendance', {
      clubId: club.id,
      memberId: id,
    });
    expect(report.member.name).toBe(name);
  }
});
