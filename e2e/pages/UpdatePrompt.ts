import type { Locator, Page } from '@playwright/test';

/** The "new version" prompt: the waiting service worker takes over only when asked. */
export class UpdatePrompt {
  readonly prompt: Locator;
  readonly reloadButton: Locator;
  readonly laterButton: Locator;

  constructor(readonly page: Page) {
    this.prompt = page.getByRole('alert').filter({ hasText: 'A new version of Turnout is ready' });
    this.reloadButton = this.prompt.getByRole('button', { name: 'Reload now' });
    this.laterButton = this.prompt.getByRole('button', { name: 'Later' });
  }
}
