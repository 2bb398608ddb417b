import type { Locator, Page } from '@playwright/test';

/** `/notifications`: what happened to my places, sessions, passes and requests. */
export class NotificationsPage {
  readonly heading: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Notifications', level: 1 });
    this.items = page.getByRole('main').getByRole('listitem');
  }

  async open(): Promise<void> {
    await this.page.goto('/notifications');
    await this.heading.waitFor();
  }
}
