import type { Locator, Page } from '@playwright/test';

/** `/login`. */
export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submitButton: Locator;
  readonly status: Locator;
  /** Shown while the server has no club yet. */
  readonly setupHint: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.submitButton = page.getByRole('button', { name: 'Log in' });
    this.status = page.getByRole('alert');
    this.setupHint = page.getByText('This server has no club yet');
  }

  async open(): Promise<void> {
    await this.page.goto('/login');
    await this.email.waitFor();
  }

  async login(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submitButton.click();
  }
}
