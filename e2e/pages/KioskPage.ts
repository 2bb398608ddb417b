import { expect, type Locator, type Page } from '@playwright/test';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `/kiosk`: the door kiosk (spec §9.2). A host sets it up with an exit PIN;
 * then members find themselves by the first letters of their name and check
 * in; leaving takes the PIN.
 */
export class KioskPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly setupHeading: Locator;
  readonly pin: Locator;
  readonly pinAgain: Locator;
  readonly startButton: Locator;
  /** "Online" / "Offline", and how many check-ins wait to sync. */
  readonly status: Locator;
  readonly search: Locator;
  /** The people the search found, one button each. */
  readonly matches: Locator;
  /** What the last check-in did ("Welcome, Anna! You are checked in."). */
  readonly message: Locator;
  /** Opens the PIN form, and in it leaves. */
  readonly leaveButton: Locator;
  readonly exitPin: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.heading = page.getByRole('heading', { name: 'Door kiosk', level: 1 });
    this.setupHeading = page.getByRole('heading', {
      name: 'Turn this device into a door kiosk',
      level: 1,
    });
    this.pin = page.getByLabel('Exit PIN (4–8 digits)');
    this.pinAgain = page.getByLabel('The same PIN again');
    this.startButton = page.getByRole('button', { name: 'Start the kiosk' });
    this.status = page.getByTestId('kiosk-status');
    this.search = page.getByRole('searchbox', { name: 'Your name' });
    this.matches = page.getByRole('list', { name: 'Your name' }).getByRole('button');
    this.message = page.getByTestId('kiosk-message');
    this.leaveButton = page.getByRole('button', { name: 'Leave kiosk' });
    this.exitPin = page.getByLabel('PIN', { exact: true });
  }

  /** Sets the exit PIN and turns the device into a kiosk. */
  async start(pin: string): Promise<void> {
    await expect(this.setupHeading).toBeVisible();
    await this.pin.fill(pin);
    await this.pinAgain.fill(pin);
    await this.startButton.click();
    await expect(this.heading).toBeVisible();
  }

  /** The button of someone the search found, by the label the kiosk shows ("Anna A."). */
  person(label: string): Locator {
    return this.matches.filter({ hasText: new RegExp(`^\\s*${escape(label)}\\s`) });
  }

  /** Types the first letters key by key, as a member at the door would. */
  async type(letters: string): Promise<void> {
    await this.search.fill('');
    await this.search.pressSequentially(letters);
  }

  /** A member finds themselves by `letters` and taps their name. */
  async checkIn(letters: string, label: string): Promise<void> {
    await this.type(letters);
    await expect(this.matches).toHaveCount(1);
    await this.person(label).click();
  }

  /** Opens the PIN form and submits `pin`. */
  async leave(pin: string): Promise<void> {
    if (!(await this.exitPin.isVisible())) await this.leaveButton.click();
    await this.exitPin.fill(pin);
    await this.leaveButton.click();
  }
}
