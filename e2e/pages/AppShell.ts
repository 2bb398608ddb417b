import type { Locator, Page } from '@playwright/test';

/** The frame around the app's own pages: club, who is logged in, logout, navigation. */
export class AppShell {
  readonly header: Locator;
  readonly logoutButton: Locator;
  readonly nav: Locator;
  readonly peopleLink: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.logoutButton = this.header.getByRole('button', { name: 'Log out' });
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.peopleLink = this.nav.getByRole('link', { name: 'People' });
    this.main = page.getByRole('main');
  }

  async logout(): Promise<void> {
    await this.logoutButton.click();
    await this.page.waitForURL('**/login');
  }
}
