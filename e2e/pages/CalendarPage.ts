import type { Locator, Page } from '@playwright/test';

type Feed = 'club' | 'mine';

/** `/calendar`: the member's calendar addresses (the club's schedule, my sessions). */
export class CalendarPage {
  readonly heading: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Calendar', level: 1 });
    this.notice = page.getByTestId('calendar-notice');
  }

  /** Opens the page from the main navigation. */
  async openFromNavigation(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Calendar' })
      .click();
    await this.heading.waitFor();
  }

  panel(feed: Feed): Locator {
    return this.page.getByTestId(`calendar-feed-${feed}`);
  }

  address(feed: Feed): Locator {
    return this.page.getByTestId(`calendar-address-${feed}`);
  }

  async getAddress(feed: Feed): Promise<string> {
    await this.panel(feed).getByRole('button', { name: 'Get an address' }).click();
    await this.address(feed).waitFor();
    return this.address(feed).inputValue();
  }

  async stopSharing(feed: Feed): Promise<void> {
    await this.panel(feed).getByRole('button', { name: 'Stop sharing' }).click();
    await this.panel(feed).getByRole('button', { name: 'Yes, stop sharing' }).click();
  }
}
