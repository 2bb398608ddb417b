import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { addDaysToDate, clubDate } from '@turnout/shared';
import { ManageExportsPage } from '../pages/ManageExportsPage';
import { expectAccessible } from '../support/a11y';
import { SeededClub } from '../support/club';
import { browserTimeZone } from '../support/env';
import { signedInContext } from '../support/phone';

type Row = Record<string, string>;

/** The rows of a CSV export, by header; the byte order mark is checked and dropped. */
function csvRows(text: string): Row[] {
  expect(text.startsWith('\uFEFF'), 'a UTF-8 byte order mark for spreadsheets').toBe(true);
  expect(text, 'RFC 4180 line ends').toContain('\r\n');
  return parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Row[];
}

test('the owner downloads attendance and credit-log CSVs for a date range and the club as JSON; they match what was recorded', async ({
  browser,
}) => {
  const club = await SeededClub.create('Export Athletics');
  await club.updateSettings({ multiCreditEnabled: true, maxCreditsPerCheckIn: 3 });
  const anna = await club.addPerson('Anna Ångström');
  const ben = await club.addPerson('Ben Brooks');
  const cleo = await club.addPerson('Cleo Clarke');
  const template = await club.createTemplate('Ten sessions', 10);
  for (const person of [anna, ben, cleo]) await club.grantPass(person, template);

  // Two sessions that ended (attendance recorded afterwards, inside the backfill window) and one to come.
  const day = 24 * 60;
  const tuesday = await club.createSession({ title: 'Morning Row', startsInMinutes: -2 * day });
  const today = await club.createSession({ title: 'Evening Erg', startsInMinutes: -180 });
  const later = await club.createSession({ title: 'Future Sprint', startsInMinutes: 2 * day });
  await club.push(
    { name: 'checkin.create', args: { sessionId: tuesday.id, memberId: anna.memberId } },
    { name: 'checkin.create', args: { sessionId: tuesday.id, memberId: ben.memberId, credits: 2 } },
    { name: 'checkin.create', args: { sessionId: today.id, memberId: anna.memberId } },
    { name: 'checkin.create', args: { sessionId: today.id, memberId: cleo.memberId } },
    {
      name: 'checkin.void',
      args: { sessionId: today.id, memberId: cleo.memberId, reason: 'Left before the start' },
    },
  );
  const state = await club.state();
  const seeded = state.attendance.filter((a) =>
    [tuesday.id, today.id, later.id].includes(a.sessionId),
  );
  expect(seeded).toHaveLength(4);

  const clubToday = clubDate(Date.now(), browserTimeZone);
  const from = addDaysToDate(clubToday, -7);
  const context = await signedInContext(browser, club.owner);
  try {
    const exports = new ManageExportsPage(await context.newPage());

    await test.step('the page offers a date range and refuses one that ends before it starts', async () => {
      await exports.open();
      await expectAccessible(exports.page, 'the exports page');
      await exports.setRange(clubToday, from);
      await exports.attendanceButton.click();
      await expect(exports.to).toHaveAccessibleDescription(
        'The range must end on or after its first day',
      );
    });

    await test.step('the attendance CSV has every check-in of the range, voided ones marked', async () => {
      await exports.setRange(from, clubToday);
      const file = await exports.download(exports.attendanceButton);
      expect(file.filename).toBe(`attendance-export-athletics-${from}-to-${clubToday}.csv`);
      await expect(exports.notice).toHaveText(`Saved ${file.filename}.`);
      const rows = csvRows(file.text);
      expect(rows).toHaveLength(seeded.length);
      const names = new Map([anna, ben, cleo].map((p) => [p.memberId, p.name]));
      const titles = new Map([tuesday, today].map((s) => [s.id, s.title]));
      for (const record of seeded) {
        const row = rows.find((r) => r.attendance_id === record.id);
        expect(row, `attendance ${record.id} is exported`).toBeDefined();
        expect(row).toMatchObject({
          session_id: record.sessionId,
          session: titles.get(record.sessionId),
          member_id: record.memberId,
          member: names.get(record.memberId),
          credits: String(record.credits),
          unpaid_credits: String(record.unpaidCredits),
          voided: record.voided ? 'yes' : 'no',
          void_reason: record.voided ? 'Left before the start' : '',
          backfilled: 'yes',
          recorded_by: club.owner.name,
          device: 'Seeding script',
        });
      }
      // By session start, then member name.
      expect(rows.map((r) => `${r.session} ${r.member}`)).toEqual([
        'Morning Row Anna Ångström',
        'Morning Row Ben Brooks',
        'Evening Erg Anna Ångström',
        'Evening Erg Cleo Clarke',
      ]);
      expect(rows[0]!.date).toBe(addDaysToDate(clubToday, -2));
    });

    await test.step('a range before the sessions exports only the header', async () => {
      await exports.setRange(addDaysToDate(from, -30), addDaysToDate(from, -1));
      const file = await exports.download(exports.attendanceButton);
      expect(csvRows(file.text)).toEqual([]);
    });

    await test.step('the credit-log CSV has the grants and the charges and returns of the check-ins', async () => {
      await exports.setRange(from, clubToday);
      const file = await exports.download(exports.creditLogButton);
      expect(file.filename).toBe(`credit-log-export-athletics-${from}-to-${clubToday}.csv`);
      const rows = csvRows(file.text);
      const kinds = rows.map((r) => `${r.member} ${r.kind} ${r.delta} ${r.balance_after}`);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'Anna Ångström granted 10 10',
          'Ben Brooks charged_checkin -2 8',
          'Cleo Clarke charged_checkin -1 9',
          'Cleo Clarke returned_void 1 10',
        ]),
      );
      const logged = state.creditLog.filter((e) =>
        [anna, ben, cleo].some((p) => p.memberId === e.memberId),
      );
      expect(rows).toHaveLength(logged.length);
    });

    await test.step('the JSON export holds the whole club', async () => {
      const file = await exports.download(exports.jsonButton);
      expect(file.filename).toBe(`turnout-export-athletics-${clubToday}.json`);
      const data = JSON.parse(file.text) as {
        format: string;
        club: { name: string };
        tables: { attendance: { id: string }[]; sessions: { title: string }[] };
      };
      expect(data.format).toBe('turnout.club-export');
      expect(data.club.name).toBe(club.name);
      expect(data.tables.attendance.map((a) => a.id).sort()).toEqual(
        seeded.map((a) => a.id).sort(),
      );
      expect(data.tables.sessions.map((s) => s.title)).toContain(later.title);
    });

    await test.step('offline, the page says the exports need a connection instead of failing', async () => {
      await context.setOffline(true);
      await expect(exports.needsConnection).toContainText('Needs a connection');
      await expect(exports.attendanceButton).toBeDisabled();
      await context.setOffline(false);
      await expect(exports.needsConnection).toHaveCount(0);
      await expect(exports.attendanceButton).toBeEnabled();
    });
  } finally {
    await context.close();
  }
});
