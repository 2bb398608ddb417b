import type { Locator, Page } from '@playwright/test';

/** `/attention`: this device's refused or flagged changes, with the server's explanation. */
export class AttentionPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Needs attention', level: 1 });
  }

  async open(): Promise<void> {
    await this.page.goto('/attention');
    await this.heading.waitFor();
  }

  /** The item about an action, found by how the page words it ("Your check-in for Yoga (…)"). */
  item(what: string | RegExp): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name: what }) });
  }
}
