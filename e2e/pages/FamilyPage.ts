import type { Locator, Page } from '@playwright/test';

/** `/family`: a guardian's children and linked teens; adding a child; linking a teen. */
export class FamilyPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly notice: Locator;
  readonly nameField: Locator;
  readonly birthYearField: Locator;
  readonly addButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Family', level: 1 });
    this.list = page.getByTestId('family-list');
    this.notice = page.getByTestId('family-notice');
    this.nameField = page.getByLabel('Name', { exact: true });
    this.birthYearField = page.getByLabel('Birth year (optional)');
    this.addButton = page.getByTestId('add-dependant');
  }

  async open(): Promise<void> {
    await this.page.goto('/family');
    await this.heading.waitFor();
  }

  async addChild(name: string, birthYear?: number): Promise<void> {
    await this.nameField.fill(name);
    if (birthYear !== undefined) await this.birthYearField.fill(String(birthYear));
    await this.addButton.click();
  }

  /** On a session page: one dependant's place and the guardian's buttons for them. */
  static place(page: Page, name: string): Locator {
    return page
      .getByTestId('family-place')
      .filter({ has: page.getByText(new RegExp(`^${name} (is|isn’t)`)) });
  }
}
