import { expect, type Locator, type Page } from '@playwright/test';

export interface WalkIn {
  name: string;
  contact?: string;
  visit: 'Drop-in' | 'Trial';
  payment: 'Cash' | 'Card' | 'Free trial' | 'Other';
  amount?: string;
}

/** The walk-in form on a host's session page: a guest without an account, checked in at once. */
export class WalkInForm {
  readonly openButton: Locator;
  readonly form: Locator;
  readonly name: Locator;
  readonly contact: Locator;
  readonly amount: Locator;
  readonly submitButton: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByRole('button', { name: 'Add a walk-in' });
    this.form = page.getByRole('region', { name: 'Walk-in guest' });
    this.name = this.form.getByLabel('Name', { exact: true });
    this.contact = this.form.getByLabel('Phone or email (optional)');
    this.amount = this.form.getByLabel(/^Amount \(optional\)/);
    this.submitButton = this.form.getByRole('button', { name: 'Check in guest' });
  }

  async checkIn(guest: WalkIn): Promise<void> {
    await this.openButton.click();
    await expect(this.name).toBeFocused();
    await this.name.fill(guest.name);
    if (guest.contact) await this.contact.fill(guest.contact);
    await this.form.getByRole('radio', { name: guest.visit, exact: true }).check();
    await this.form.getByRole('radio', { name: guest.payment, exact: true }).check();
    if (guest.amount) await this.amount.fill(guest.amount);
    await this.submitButton.click();
    // Done: the form closes and the button to add the next one is back.
    await expect(this.openButton).toBeVisible();
  }
}
