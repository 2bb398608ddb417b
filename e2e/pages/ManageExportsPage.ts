import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';

export interface Downloaded {
  filename: string;
  text: string;
}

/** `/manage/exports`: CSV of attendance and the credit log for a date range, the club as JSON. */
export class ManageExportsPage {
  readonly heading: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly attendanceButton: Locator;
  readonly creditLogButton: Locator;
  readonly jsonButton: Locator;
  readonly notice: Locator;
  readonly needsConnection: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Exports', level: 1 });
    this.from = page.getByLabel('From', { exact: true });
    this.to = page.getByLabel('To', { exact: true });
    this.attendanceButton = page.getByRole('button', { name: 'Download attendance (CSV)' });
    this.creditLogButton = page.getByRole('button', { name: 'Download credit log (CSV)' });
    this.jsonButton = page.getByRole('button', { name: 'Download full export (JSON)' });
    this.notice = page.getByTestId('manage-notice');
    this.needsConnection = page.getByTestId('needs-connection');
  }

  async open(): Promise<void> {
    await this.page.goto('/manage/exports');
    await this.heading.waitFor();
    await this.attendanceButton.waitFor();
  }

  async setRange(from: string, to: string): Promise<void> {
    await this.from.fill(from);
    await this.to.fill(to);
  }

  /** Clicks a download button and returns the file the browser saved. */
  async download(button: Locator): Promise<Downloaded> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
  }
}
