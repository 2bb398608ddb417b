import type { Locator, Page } from '@playwright/test';

/** `/manage/sessions`: upcoming and recent sessions with create, edit and cancel. */
export class ManageSessionsPage {
  readonly heading: Locator;
  readonly upcoming: Locator;
  readonly recent: Locator;
  /** Announces what just happened (created, saved, cancelled). */
  readonly notice: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Manage sessions', level: 1 });
    this.upcoming = page.getByRole('region', { name: 'Upcoming' }).getByRole('listitem');
    this.recent = page
      .getByRole('region', { name: 'Ended in the last two weeks' })
      .getByRole('listitem');
    this.notice = page.getByTestId('manage-notice');
    this.problem = page.getByTestId('manage-problem');
  }

  async open(): Promise<void> {
    await this.page.goto('/manage/sessions');
    await this.heading.waitFor();
  }

  /** The upcoming sessions with this title, soonest first. */
  sessions(title: string): Locator {
    return this.upcoming.filter({ hasText: title });
  }

  /** The confirmation that opens under a session after "Cancel session". */
  cancelDialog(title: string): Locator {
    return this.page.getByRole('group', { name: new RegExp(`^Cancel “${title}”`) });
  }

  /** Asks to cancel a session (opens the confirmation, which shows who is affected). */
  async startCancelling(session: Locator, title: string): Promise<Locator> {
    await session.getByRole('button', { name: new RegExp(`^Cancel ${title},`) }).click();
    return this.cancelDialog(title);
  }

  async confirmCancel(dialog: Locator, reason?: string): Promise<void> {
    if (reason) await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Yes, cancel session' }).click();
  }
}
