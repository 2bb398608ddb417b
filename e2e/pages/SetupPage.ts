import type { Locator, Page } from '@playwright/test';

export interface NewClub {
  clubName: string;
  ownerName: string;
  email: string;
  password: string;
}

/** `/setup`: the one-time page that creates the first club and its owner. */
export class SetupPage {
  readonly tokenField: Locator;
  readonly clubName: Locator;
  readonly timeZone: Locator;
  readonly ownerName: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submitButton: Locator;
  /** The live region that announces what went wrong. */
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.tokenField = page.getByLabel('Setup code');
    this.clubName = page.getByLabel('Club name');
    this.timeZone = page.getByLabel('Time zone');
    this.ownerName = page.getByLabel('Your name');
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.submitButton = page.getByRole('button', { name: 'Create club' });
    this.status = page.getByRole('alert');
  }

  async open(token: string): Promise<void> {
    await this.page.goto(`/setup?token=${encodeURIComponent(token)}`);
    await this.clubName.waitFor();
  }

  async fill(club: NewClub): Promise<void> {
    await this.clubName.fill(club.clubName);
    await this.ownerName.fill(club.ownerName);
    await this.email.fill(club.email);
    await this.password.fill(club.password);
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }
}
