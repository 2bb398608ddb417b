import type { Locator, Page } from '@playwright/test';

/** `/passes`: my passes with their balance and credit log, and pass requests. */
export class PassesPage {
  readonly heading: Locator;
  readonly requestTemplate: Locator;
  readonly requestButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'My passes', level: 1 });
    this.requestTemplate = page.getByLabel('Pass', { exact: true });
    this.requestButton = page.getByRole('button', { name: 'Send request' });
  }

  async open(): Promise<void> {
    await this.page.goto('/passes');
    await this.heading.waitFor();
  }

  /** A pass, by its name. */
  pass(name: string): Locator {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 2, name, exact: true }) });
  }

  /** Opens a pass's credit log (a disclosure) and returns the log's list. */
  async openLog(name: string): Promise<Locator> {
    await this.pass(name)
      .getByText(/^Credit log \(/)
      .click();
    return this.page.getByRole('list', { name: `Credit log of ${name}` });
  }
}
