import type { Locator, Page } from '@playwright/test';

/**
 * The frame around the app's own pages: club, the account menu (who is logged in, profile,
 * log out), the navigation (a top bar on desktops, a bottom bar on phones), the page.
 */
export class AppShell {
  readonly header: Locator;
  readonly accountMenuButton: Locator;
  readonly logoutButton: Locator;
  readonly nav: Locator;
  readonly peopleLink: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.accountMenuButton = this.header.getByRole('button', { name: /^Account: / });
    this.logoutButton = this.header.getByRole('button', { name: 'Log out' });
    // Only one of the two is shown at a time (the other is display: none).
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.peopleLink = this.nav.getByRole('link', { name: 'People' });
    this.main = page.getByRole('main');
  }

  async logout(): Promise<void> {
    await this.accountMenuButton.click();
    await this.logoutButton.click();
    await this.page.waitForURL('**/login');
  }
}
