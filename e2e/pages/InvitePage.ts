import type { Locator, Page } from '@playwright/test';

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/** `/invite/<code>`: see which club and role, then join. */
export class InvitePage {
  readonly heading: Locator;
  readonly role: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly createButton: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.role = page.getByText(/^You are invited as:/);
    this.name = page.getByLabel('Your name');
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.createButton = page.getByRole('button', { name: 'Create account and join' });
    this.status = page.getByRole('alert');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  joinAsButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Join as ${name}` });
  }

  async createAccountAndJoin(account: NewAccount): Promise<void> {
    await this.name.fill(account.name);
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.createButton.click();
  }
}
