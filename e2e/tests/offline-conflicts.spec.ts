import { expect, test } from '@playwright/test';
import { AttentionPage } from '../pages/AttentionPage';
import { SessionPage } from '../pages/SessionPage';
import { checkInsOf, passOf, SeededClub, type Person } from '../support/club';
import { browserTimeZone } from '../support/env';
import { Phone } from '../support/phone';

/**
 * A time as the app's English writes it ("5:52 PM"), in the club's zone: the
 * device words explanations itself, never in the server's 24-hour English.
 */
function clubTime(instant: string): string {
  return new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: browserTimeZone }).format(
    new Date(instant),
  );
}

/** Opens phones one after the other (each a browser of its own) and installs the app on each. */
async function openPhones(
  launchOptions: Parameters<typeof Phone.open>[1]['launchOptions'],
  people: { person: Person; label: string }[],
): Promise<Phone[]> {
  const phones: Phone[] = [];
  try {
    for (const { person, label } of people) {
      const phone = await Phone.open(person, { launchOptions, label });
      phones.push(phone);
      await phone.install();
    }
  } catch (error) {
    await Promise.all(phones.map((p) => p.dispose()));
    throw error;
  }
  return phones;
}

test('two hosts offline fill the last spot: one is accepted, one flagged over capacity; a member’s offline check-in is refused and explained', async ({
  launchOptions,
}) => {
  const club = await SeededClub.create('Riverside Yoga');
  const hugo = await club.addPerson('Hugo Host', 'host');
  const helga = await club.addPerson('Helga Host', 'host');
  const mia = await club.addPerson('Mia Member');
  const paul = await club.addPerson('Paul Park');
  const quinn = await club.addPerson('Quinn Quill');
  const template = await club.createTemplate('5-session pass', 5);
  const miaPass = await club.grantPass(mia, template);
  await club.grantPass(paul, template);
  await club.grantPass(quinn, template);
  const session = await club.createSession({
    title: 'Tuesday Yoga',
    startsInMinutes: -5,
    capacity: 1,
  });

  const [hugoPhone, helgaPhone, miaPhone] = await openPhones(launchOptions, [
    { person: hugo, label: 'Hugo’s phone' },
    { person: helga, label: 'Helga’s phone' },
    { person: mia, label: 'Mia’s phone' },
  ]);
  try {
    const hugoScreen = new SessionPage(hugoPhone!.page);
    const helgaScreen = new SessionPage(helgaPhone!.page);
    const miaScreen = new SessionPage(miaPhone!.page);

    await test.step('every device synced while the session was empty, then lost the network', async () => {
      for (const screen of [hugoScreen, helgaScreen, miaScreen]) {
        await screen.open(session.id);
        await expect(screen.spots).toHaveText('1 of 1 place left');
      }
      for (const phone of [hugoPhone!, helgaPhone!, miaPhone!]) await phone.setOffline(true);
    });

    await test.step('offline, each host checks someone in and the member checks herself in', async () => {
      await hugoScreen.hostCheckIn(paul.name);
      await expect(hugoScreen.spots).toHaveText('Full (1 place)');
      await helgaScreen.hostCheckIn(quinn.name);
      await miaScreen.checkInButton.click();
      await expect(miaScreen.myStatus).toHaveText('You are checked in.');
      await expect(miaScreen.notice).toContainText('Saved on this device');
      for (const phone of [hugoPhone!, helgaPhone!, miaPhone!]) {
        await expect(phone.status.waiting(1)).toBeVisible();
      }
    });

    await test.step('the first host to sync gets the spot', async () => {
      await hugoPhone!.setOffline(false);
      await expect(hugoPhone!.status.allSynced).toBeVisible();
      await expect(hugoPhone!.status.attentionLink).toHaveCount(0);
      const checkIns = checkInsOf(await club.state(), session.id);
      expect([...checkIns.keys()]).toEqual([paul.memberId]);
    });

    await test.step('the second host’s check-in is accepted but flagged over capacity', async () => {
      await helgaPhone!.setOffline(false);
      await expect(helgaPhone!.status.allSynced).toBeVisible();
      await expect(
        helgaScreen.row(quinn.name).getByText('Over capacity', { exact: true }),
      ).toBeVisible();
      // Told on the row too, until Helga says she has seen it.
      await expect(helgaScreen.notes(quinn.name)).toHaveText(
        /^Accepted with a note: The session was full by then: the check-in was recorded over capacity\./,
      );
      await helgaPhone!.status.attention(1).click();
      const attention = new AttentionPage(helgaPhone!.page);
      await expect(attention.heading).toBeVisible();
      const item = attention.item(new RegExp(`^Check-in of ${quinn.name} for Tuesday Yoga`));
      await expect(item).toContainText('Accepted with a note');
      await expect(item).toContainText(
        'The session was full by then: the check-in was recorded over capacity.',
      );
    });

    await test.step('the member’s check-in is refused after sync, and she sees why', async () => {
      await miaPhone!.setOffline(false);
      await expect(miaPhone!.status.allSynced).toBeVisible();
      await expect(miaScreen.myStatus).toHaveText('You are not signed up.');
      await expect(miaScreen.spots).toHaveText('Full (1 place)');

      const state = await club.state();
      const holders = [...checkInsOf(state, session.id).values()];
      const last = holders.reduce((a, b) =>
        Date.parse(a.checkedInAt) >= Date.parse(b.checkedInAt) ? a : b,
      );
      const explanation = `The last spot was taken by a check-in at ${clubTime(last.checkedInAt)} on ${last.deviceLabel}.`;

      await miaPhone!.status.attention(1).click();
      const attention = new AttentionPage(miaPhone!.page);
      const item = attention.item(/^Your check-in for Tuesday Yoga/);
      await expect(item).toContainText('Refused');
      await expect(item).toContainText('The session is full.');
      await expect(item).toContainText(explanation);
    });

    await test.step('the server: one place taken, one over capacity, the refusal charged nothing', async () => {
      const state = await club.state();
      const checkIns = checkInsOf(state, session.id);
      expect(checkIns.size).toBe(2);
      expect(checkIns.get(paul.memberId)?.flags).toEqual([]);
      expect(checkIns.get(quinn.memberId)?.flags).toEqual(['over_capacity']);
      expect(checkIns.has(mia.memberId)).toBe(false);
      expect(passOf(state, miaPass).balance).toBe(5);
      expect(state.creditLog.filter((e) => e.passId === miaPass).map((e) => e.kind)).toEqual([
        'granted',
      ]);

      const attention = await club.attention();
      expect(
        attention.map((a) => ({ kind: a.kind, code: a.code, flags: a.flags, who: a.member?.name })),
      ).toEqual(
        expect.arrayContaining([
          { kind: 'flagged', code: null, flags: ['over_capacity'], who: quinn.name },
          { kind: 'refused', code: 'session_full', flags: [], who: mia.name },
        ]),
      );
      expect(attention).toHaveLength(2);
    });
  } finally {
    await Promise.all([hugoPhone, helgaPhone, miaPhone].map((p) => p?.dispose()));
  }
});

test('a member’s last credit used offline on two devices is charged once; the other device is refused and says why', async ({
  launchOptions,
}) => {
  const club = await SeededClub.create('Northside Fitness');
  const mia = await club.addPerson('Mia Member');
  const pass = await club.givePass(mia, 1, 'Single visit');
  const pilates = await club.createSession({ title: 'Morning Pilates', startsInMinutes: -5 });
  const spin = await club.createSession({ title: 'Lunch Spin', startsInMinutes: -5 });
  const tablet = await club.loginAgain(mia);

  const [phone, tabletDevice] = await openPhones(launchOptions, [
    { person: mia, label: 'Mia’s phone' },
    { person: tablet, label: 'Mia’s tablet' },
  ]);
  try {
    const onPhone = new SessionPage(phone!.page);
    const onTablet = new SessionPage(tabletDevice!.page);

    await test.step('offline, she checks in on each device into a different session', async () => {
      await onPhone.open(pilates.id);
      await onTablet.open(spin.id);
      await expect(onPhone.myCredits).toHaveText('You have 1 usable credit for this session.');
      await expect(onTablet.myCredits).toHaveText('You have 1 usable credit for this session.');
      await phone!.setOffline(true);
      await tabletDevice!.setOffline(true);
      await onPhone.checkInButton.click();
      await expect(onPhone.myStatus).toHaveText('You are checked in.');
      await onTablet.checkInButton.click();
      await expect(onTablet.myStatus).toHaveText('You are checked in.');
      await expect(phone!.status.waiting(1)).toBeVisible();
      await expect(tabletDevice!.status.waiting(1)).toBeVisible();
    });

    await test.step('the phone syncs first and uses the credit', async () => {
      await phone!.setOffline(false);
      await expect(phone!.status.allSynced).toBeVisible();
      await expect(onPhone.myStatus).toHaveText('You are checked in.');
      await expect(phone!.status.attentionLink).toHaveCount(0);
    });

    await test.step('the tablet’s check-in is refused for lack of credits, and it says why', async () => {
      await tabletDevice!.setOffline(false);
      await expect(tabletDevice!.status.allSynced).toBeVisible();
      await expect(onTablet.myStatus).toHaveText('You are not signed up.');
      await expect(onTablet.myCredits).toHaveText('You have no usable credits for this session.');

      const state = await club.state();
      const used = checkInsOf(state, pilates.id).get(mia.memberId);
      expect(used).toBeDefined();
      await tabletDevice!.status.attention(1).click();
      const item = new AttentionPage(tabletDevice!.page).item(/^Your check-in for Lunch Spin/);
      await expect(item).toContainText('Refused');
      await expect(item).toContainText(
        'There are no usable credits on your passes for this session.',
      );
      await expect(item).toContainText(
        `Your last credit went to Morning Pilates: a check-in at ${clubTime(used!.checkedInAt)} on ${used!.deviceLabel}.`,
      );
    });

    await test.step('the server charged the credit once and never went below zero', async () => {
      const state = await club.state();
      expect(passOf(state, pass).balance).toBe(0);
      expect(checkInsOf(state, pilates.id).get(mia.memberId)?.charges).toEqual([
        { passId: pass, credits: 1 },
      ]);
      expect(checkInsOf(state, spin.id).size).toBe(0);
      const log = state.creditLog.filter((e) => e.passId === pass);
      expect(log.map((e) => [e.kind, e.delta, e.balanceAfter])).toEqual([
        ['granted', 1, 1],
        ['charged_checkin', -1, 0],
      ]);
      const attention = await club.attention();
      expect(attention.map((a) => [a.kind, a.code, a.session?.title])).toEqual([
        ['refused', 'insufficient_credits', 'Lunch Spin'],
      ]);
    });
  } finally {
    await Promise.all([phone, tabletDevice].map((p) => p?.dispose()));
  }
});
