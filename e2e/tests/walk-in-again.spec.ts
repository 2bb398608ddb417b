import { expect, test } from '@playwright/test';
import { SessionPage } from '../pages/SessionPage';
import { WalkInForm } from '../pages/WalkInForm';
import { checkInsOf, SeededClub } from '../support/club';
import { Phone } from '../support/phone';

/**
 * A walk-in who comes back: in another session the guest's roster row offers
 * a guest visit (how they came and paid), not a credit check-in, and warns
 * of no pass — a guest pays at the door.
 */
test('a guest who comes back is checked in from their roster row as a guest again', async ({
  launchOptions,
}) => {
  const club = await SeededClub.create('Canal Capoeira');
  const host = await club.addPerson('Hana Host', 'host');
  const first = await club.createSession({ title: 'Open Roda', startsInMinutes: -10 });
  const second = await club.createSession({ title: 'Berimbau Basics', startsInMinutes: -5 });

  const phone = await Phone.open(host, { launchOptions, label: 'the host’s phone' });
  try {
    const details = new SessionPage(phone.page);
    await details.open(first.id);
    await new WalkInForm(phone.page).checkIn({
      name: 'Gina Walker',
      visit: 'Drop-in',
      payment: 'Cash',
    });
    await expect(details.checkedInBadge('Gina Walker', 0)).toBeVisible();

    await details.open(second.id);
    const row = details.row('Gina Walker');
    await expect(row.getByText('Guest', { exact: true })).toBeVisible();
    await expect(row.getByTestId('badge-credits')).toHaveCount(0);
    await expect(row.getByTestId('roster-check-in')).toHaveCount(0);
    await row.getByRole('button', { name: 'Check in as a guest' }).click();
    const again = row.getByRole('region', { name: 'Another visit of Gina Walker' });
    await again.getByRole('radio', { name: 'Trial', exact: true }).check();
    await again.getByRole('radio', { name: 'Free trial', exact: true }).check();
    await again.getByRole('button', { name: 'Check in guest' }).click();
    await expect(details.notice).toContainText('Gina Walker is checked in as a guest.');
    await expect(details.checkedInBadge('Gina Walker', 0)).toBeVisible();
    await phone.expectSynced();

    const visits = await club.owner.api
      .query<{ visits: { memberId: string; sessionId: string; kind: string; payment: string }[] }>(
        'reports.guestVisits',
        { clubId: club.id },
      )
      .then((r) => r.visits);
    expect(visits.map((v) => [v.sessionId, v.kind, v.payment]).sort()).toEqual(
      [
        [first.id, 'drop_in', 'cash'],
        [second.id, 'trial', 'free_trial'],
      ].sort(),
    );
    // The same guest both times, checked in without credits.
    expect(new Set(visits.map((v) => v.memberId)).size).toBe(1);
    const checkIn = checkInsOf(await club.state(), second.id).get(visits[0]!.memberId);
    expect(checkIn).toMatchObject({ credits: 0, charges: [], unpaidCredits: 0 });
  } finally {
    await phone.dispose();
  }
});
