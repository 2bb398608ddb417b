import type { Locator, Page } from '@playwright/test';

/** `/`: the club's schedule (a list by day, or a week), each session a link to its details. */
export class SessionsPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Schedule', level: 1 });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.heading.waitFor();
  }

  session(title: string): Locator {
    return this.page.getByRole('link', { name: title });
  }
}
