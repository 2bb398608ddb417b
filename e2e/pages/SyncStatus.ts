import type { Locator, Page } from '@playwright/test';

/** The always-visible sync status under the header (online, waiting changes, last sync, attention). */
export class SyncStatus {
  readonly region: Locator;
  readonly line: Locator;
  readonly allSynced: Locator;
  readonly syncNowButton: Locator;
  readonly attentionLink: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Sync status' });
    this.line = this.region.getByRole('status');
    this.allSynced = this.line.getByText('All changes synced', { exact: true });
    this.syncNowButton = this.region.getByRole('button', { name: 'Sync now' });
    this.attentionLink = this.region.getByRole('link', { name: /needs? attention$/ });
  }

  /** "Online" or "Offline", as the status says it. */
  connection(state: 'Online' | 'Offline'): Locator {
    return this.line.getByText(state, { exact: true });
  }

  /** "N change(s) wait(s) to sync". */
  waiting(count: number): Locator {
    return this.line.getByText(
      count === 1 ? '1 change waits to sync' : `${count} changes wait to sync`,
      { exact: true },
    );
  }

  /** "Last synced …" (the app has pulled the club at least once). */
  get lastSynced(): Locator {
    return this.line.getByText(/^Last synced /);
  }

  /**
   * Nothing waits and the club has been pulled at least once (a first pull
   * of a big club can take a while). "Last synced" is looked for in the
   * page, not on screen: on a narrow screen a staff device shows its name there.
   */
  async settled(timeout = 120_000): Promise<void> {
    await this.allSynced.waitFor({ timeout });
    await this.lastSynced.waitFor({ state: 'attached', timeout });
  }

  /** "This device: Front desk tablet" — opens the dialog that renames it. */
  get deviceName(): Locator {
    return this.region.getByTestId('device-name');
  }

  /** Names this device as a person would, through the sync status's dialog. */
  async renameDevice(name: string): Promise<void> {
    await this.deviceName.click();
    const dialog = this.page.getByRole('dialog', { name: 'Rename this device' });
    await dialog.getByLabel('Name of this device').fill(name);
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  attention(count: number): Locator {
    return this.region.getByRole('link', {
      name: count === 1 ? '1 needs attention' : `${count} need attention`,
      exact: true,
    });
  }
}
