import type { Locator, Page } from '@playwright/test';

/** `/passes`: a member's own passes, requesting one, and their requests. */
export class MemberPassesPage {
  readonly heading: Locator;
  readonly requests: Locator;
  readonly requestNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'My passes', level: 1 });
    this.requests = page.getByRole('region', { name: 'My requests' }).getByRole('listitem');
    this.requestNotice = page.getByRole('region', { name: 'Request a pass' }).getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.goto('/passes');
    await this.heading.waitFor();
  }

  /** A pass of the member, found by its name. */
  pass(name: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name, level: 2 }) });
  }

  async request(templateLabel: RegExp, note?: string): Promise<void> {
    const select = this.page.getByLabel('Pass', { exact: true });
    // The choices come from the club on the device, which may still be loading.
    const option = select.locator('option').filter({ hasText: templateLabel });
    await option.waitFor({ state: 'attached' });
    await select.selectOption({ label: (await option.textContent()) ?? '' });
    if (note) await this.page.getByLabel(/^Note for the club/).fill(note);
    await this.page.getByRole('button', { name: 'Send request' }).click();
  }
}
