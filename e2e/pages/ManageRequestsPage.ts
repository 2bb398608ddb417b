import type { Locator, Page } from '@playwright/test';

/** `/manage/requests`: pass requests with a filter, approve through a grant, reject with a reason. */
export class ManageRequestsPage {
  readonly heading: Locator;
  readonly badge: Locator;
  readonly summary: Locator;
  readonly requests: Locator;
  /** Announces what just happened (approved, rejected). */
  readonly notice: Locator;
  readonly grantPreview: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Pass requests', level: 1 });
    this.badge = page.getByTestId('pending-requests-badge');
    this.summary = page.getByTestId('pending-summary');
    this.requests = page.getByTestId('pass-request');
    this.notice = page.getByTestId('manage-notice');
    this.grantPreview = page.getByTestId('grant-preview');
  }

  async open(): Promise<void> {
    await this.page.goto('/manage/requests');
    await this.heading.waitFor();
  }

  async show(filter: 'Pending' | 'Approved' | 'Rejected' | 'All'): Promise<void> {
    await this.page.getByRole('radio', { name: new RegExp(`^${filter}`) }).check();
  }

  request(memberName: string): Locator {
    return this.requests.filter({ hasText: memberName });
  }

  /** Opens the grant form of a member's request (pre-filled with what they asked for). */
  async startApproving(memberName: string, templateName: string): Promise<void> {
    await this.page
      .getByRole('button', { name: `Approve the request of ${memberName} for ${templateName}` })
      .click();
  }

  async confirmGrant(): Promise<void> {
    await this.page.getByRole('button', { name: 'Grant pass' }).click();
  }

  async reject(memberName: string, templateName: string, reason: string): Promise<void> {
    await this.page
      .getByRole('button', { name: `Reject the request of ${memberName} for ${templateName}` })
      .click();
    await this.page.getByLabel('Reason (optional)').fill(reason);
    await this.page.getByRole('button', { name: 'Reject request' }).click();
  }
}
