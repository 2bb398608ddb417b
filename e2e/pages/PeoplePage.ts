import { expect, type Locator, type Page } from '@playwright/test';

export interface CreatedInvite {
  url: string;
  code: string;
}

/** `/people`: members, roles and invitations (hosts and owners). */
export class PeoplePage {
  readonly heading: Locator;
  readonly members: Locator;
  readonly inviteRole: Locator;
  readonly createInviteButton: Locator;
  readonly inviteLink: Locator;
  readonly inviteCode: Locator;
  readonly openInvites: Locator;
  /** Announces what just changed (role changed, member removed, invitation revoked). */
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'People', level: 1 });
    this.members = page.getByRole('region', { name: /^Members/ }).getByRole('listitem');
    this.inviteRole = page.getByLabel('Role', { exact: true });
    this.createInviteButton = page.getByRole('button', { name: 'Create invitation' });
    this.inviteLink = page.getByLabel('Link', { exact: true });
    this.inviteCode = page.getByTestId('invite-code');
    this.openInvites = page.getByRole('region', { name: 'Open invitations' }).getByRole('listitem');
    this.notice = page.getByTestId('people-notice');
  }

  async open(): Promise<void> {
    await this.page.goto('/people');
    await this.heading.waitFor();
  }

  member(name: string): Locator {
    return this.members.filter({ hasText: name });
  }

  async createInvite(role: 'member' | 'host' | 'owner'): Promise<CreatedInvite> {
    await this.inviteRole.selectOption(role);
    const previous = (await this.inviteLink.count()) > 0 ? await this.inviteLink.inputValue() : '';
    await this.createInviteButton.click();
    await expect(this.inviteLink).toHaveValue(/\/invite\//);
    await expect(this.inviteLink).not.toHaveValue(previous);
    return {
      url: await this.inviteLink.inputValue(),
      code: (await this.inviteCode.textContent())?.trim() ?? '',
    };
  }

  async setRole(name: string, role: 'member' | 'host' | 'owner'): Promise<void> {
    await this.page.getByLabel(`Role of ${name}`).selectOption(role);
    await this.page.getByRole('button', { name: `Save role: ${name}` }).click();
  }

  async remove(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove: ${name}` }).click();
    await this.page.getByRole('button', { name: 'Yes, remove' }).click();
  }
}
