import type { Locator, Page } from '@playwright/test';

/** `/manage/reports`: the organizer's online reports; here its guest visits panel. */
export class ManageReportsPage {
  readonly heading: Locator;
  readonly guestVisits: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Reports', level: 1 });
    this.guestVisits = page.getByRole('region', { name: 'Guest visits' });
  }

  async open(): Promise<void> {
    await this.page.goto('/manage/reports');
    await this.heading.waitFor();
  }

  /** A guest's visit in the guest visits report. */
  guestVisit(name: string): Locator {
    return this.guestVisits.getByRole('listitem').filter({ hasText: name });
  }

  /** "Invite to claim an account" on a guest's visit. */
  inviteButton(name: string): Locator {
    return this.guestVisit(name).getByRole('button', { name: 'Invite to claim an account' });
  }

  /** The claim link shown once the invitation is made. */
  claimLink(name: string): Locator {
    return this.guestVisit(name).getByTestId('guest-claim-link');
  }
}
