import type { Locator, Page } from '@playwright/test';

/** `/history`: my attendance history, one line per session. */
export class HistoryPage {
  readonly heading: Locator;
  readonly lines: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'My attendance history', level: 1 });
    this.lines = page.getByRole('list', { name: 'Attendance, newest first' });
  }

  async open(): Promise<void> {
    await this.page.goto('/history');
    await this.heading.waitFor();
  }

  /** The line of a session, by its title. */
  line(title: string): Locator {
    return this.lines
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }
}
