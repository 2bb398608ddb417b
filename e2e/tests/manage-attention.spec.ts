import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y';
import { SeededClub, type Person, type PushResult } from '../support/club';
import { signedInContext } from '../support/phone';

/** A member's device that keeps sending the same change, each time refused by the server. */
class RefusingDevice {
  readonly clientId = randomUUID();
  #seq = 1;

  constructor(
    readonly club: SeededClub,
    readonly person: Person,
    readonly label: string,
  ) {}

  async signUpTimes(sessionId: string, times: number): Promise<PushResult[]> {
    const { results } = await this.person.api.mutate<{ results: PushResult[] }>('sync.push', {
      clubId: this.club.id,
      clientId: this.clientId,
      deviceLabel: this.label,
      mutations: Array.from({ length: times }, () => ({
        id: randomUUID(),
        clientId: this.clientId,
        seq: this.#seq++,
        name: 'signup.create',
        args: { sessionId },
        occurredAt: new Date().toISOString(),
      })),
    });
    expect(results.map((r) => r.code)).toEqual(Array(times).fill('session_full'));
    return results;
  }
}

const entry = (page: Page, text: string) =>
  page.getByTestId('attention-item').filter({ hasText: text });

test('the organizer sees a device’s repeated refusals as one entry and dismisses them together', async ({
  browser,
}) => {
  const club = await SeededClub.create('Refusal Rowers');
  await club.updateSettings({ waitlistEnabled: false });
  const mia = await club.addPerson('Mia Member');
  const olive = await club.addPerson('Olive Oak');
  const noah = await club.addPerson('Noah North');
  const tiny = await club.createSession({
    title: 'Tiny Class',
    // Check-in is open (from 30 minutes before), sign-ups too (until the start).
    startsInMinutes: 20,
    capacity: 1,
    creditCost: 0,
  });
  await club.push(
    { name: 'signup.create', args: { sessionId: tiny.id, memberId: olive.memberId } },
    // Over capacity: a flagged item of its own.
    { name: 'checkin.create', args: { sessionId: tiny.id, memberId: noah.memberId } },
  );
  const phone = new RefusingDevice(club, mia, 'Mia’s phone');
  await phone.signUpTimes(tiny.id, 12);

  const owner = await signedInContext(browser, club.owner);
  try {
    const page = await owner.newPage();
    await page.goto('/manage/attention');
    await expect(page.getByRole('heading', { name: 'Needs attention', level: 1 })).toBeVisible();

    await test.step('twelve refusals are one entry beside the flagged check-in', async () => {
      await expect(page.getByTestId('attention-open')).toHaveText('2 items are open.');
      await expect(page.getByTestId('attention-item')).toHaveCount(2);
      const group = entry(page, '12 × refused');
      await expect(group.getByRole('heading', { level: 2 })).toHaveText('Sign-up · Mia Member');
      await expect(group.getByTestId('attention-group')).toContainText(
        '12 × refused: The session is full. — Mia’s phone,',
      );
      await expect(entry(page, 'Over capacity')).toContainText(noah.name);
      await expectAccessible(page, 'the organizer’s needs-attention list with a group');
    });

    await test.step('one tap dismisses all twelve', async () => {
      await entry(page, '12 × refused').getByLabel('Note (optional)').fill('Tester, see ticket');
      await entry(page, '12 × refused').getByRole('button', { name: 'Dismiss all 12' }).click();
      await expect(page.getByTestId('manage-notice')).toHaveText(
        'Dismissed all 12 refusals. New refusals of this kind start a new entry.',
      );
      await expect(page.getByTestId('attention-open')).toHaveText('1 item is open.');
      await expect(page.getByTestId('attention-item')).toHaveCount(1);
    });

    await test.step('a later refusal of the same kind is a new entry; the dismissed one is resolved', async () => {
      await phone.signUpTimes(tiny.id, 1);
      await page.reload();
      await expect(page.getByTestId('attention-open')).toHaveText('2 items are open.');
      const again = entry(page, 'Mia Member');
      await expect(again).toContainText('The session is full.');
      await expect(again).not.toContainText('×');
      await expect(again.getByRole('button', { name: 'Dismiss', exact: true })).toBeVisible();

      await page.getByRole('radio', { name: 'Resolved' }).check();
      const closed = entry(page, '12 × refused');
      await expect(closed.getByTestId('attention-resolution')).toContainText(
        'All 12 dismissed by Olga Owner',
      );
      await expect(closed).toContainText('“Tester, see ticket”');
      await expectAccessible(page, 'the resolved needs-attention entries');
    });
  } finally {
    await owner.close();
  }
});
