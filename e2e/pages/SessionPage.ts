import { expect, type Locator, type Page } from '@playwright/test';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A button named "<action>: <member>", where the member part is visually hidden. */
export function forMember(action: string, name: string): RegExp {
  return new RegExp(`^${escape(action)}\\s*:\\s*${escape(name)}$`);
}

/**
 * `/sessions/<id>`: a session's details and my place in it (Going, Sign up,
 * Check in) and, for hosts and owners, the roster with one-tap check-in.
 */
export class SessionPage {
  readonly heading: Locator;
  readonly backLink: Locator;
  /** "3 of 10 places left", "Full (1 place)". */
  readonly spots: Locator;
  readonly myStatus: Locator;
  readonly myCredits: Locator;
  readonly checkInButton: Locator;
  /** What the last action did ("You are checked in. Saved on this device; …"). */
  readonly notice: Locator;
  /** Why the last action was refused on this device. */
  readonly problem: Locator;
  readonly roster: Locator;
  readonly rosterSummary: Locator;
  readonly rosterSearch: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.backLink = page.getByRole('link', { name: 'Back to sessions' });
    this.spots = page.getByTestId('session-spots');
    this.myStatus = page.getByTestId('my-status');
    this.myCredits = page.getByTestId('my-credits');
    // Exactly "Check in": the roster's buttons are "Check in: <name>".
    this.checkInButton = page.getByRole('button', { name: 'Check in', exact: true });
    this.notice = page.getByTestId('session-notice');
    this.problem = page.getByTestId('session-problem');
    this.roster = page.getByRole('region', { name: 'Roster' });
    this.rosterSummary = page.getByTestId('roster-summary');
    this.rosterSearch = this.roster.getByRole('searchbox', { name: 'Find a member' });
  }

  async open(sessionId: string): Promise<void> {
    await this.page.goto(`/sessions/${sessionId}`);
    await this.heading.waitFor();
  }

  /** A member's row on the roster. */
  row(name: string): Locator {
    return this.roster
      .getByRole('listitem')
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** What the server refused or flagged about a member, on their row ("Check-in refused: …"). */
  notes(name: string): Locator {
    return this.row(name).getByTestId('conflict-note');
  }

  /** "OK" under a note: seen, so it goes (from needs-attention too). */
  acknowledge(name: string): Locator {
    return this.notes(name).getByRole('button', { name: /^OK, seen: / });
  }

  /** "Check in: <name>" (the name part is visually hidden, so the spacing around ':' varies). */
  rosterCheckInButton(name: string): Locator {
    return this.roster.getByRole('button', { name: forMember('Check in', name) });
  }

  /** The credits stepper of a member's row (multi-credit clubs). */
  creditsStepper(name: string): Locator {
    return this.roster.getByRole('group', { name: `Credits for ${name}` });
  }

  /** "Checked in · 3 credits" on a member's row. */
  checkedInBadge(name: string, credits: number): Locator {
    return this.row(name).getByText(
      `Checked in · ${credits} ${credits === 1 ? 'credit' : 'credits'}`,
      { exact: true },
    );
  }

  /** Finds the member with the search field and checks them in with the given credits. */
  async hostCheckIn(name: string, credits?: number): Promise<void> {
    await this.rosterSearch.fill(name);
    await expect(this.row(name)).toBeVisible();
    if (credits !== undefined) {
      const stepper = this.creditsStepper(name);
      const label = (n: number) => `${n} ${n === 1 ? 'credit' : 'credits'}`;
      const more = stepper.getByRole('button', { name: `One credit more for ${name}` });
      const fewer = stepper.getByRole('button', { name: `One credit fewer for ${name}` });
      for (;;) {
        const shown = Number(/\d+/.exec((await stepper.textContent()) ?? '')?.[0]);
        if (shown === credits) break;
        await (shown < credits ? more : fewer).click();
        await expect(stepper).toContainText(label(shown < credits ? shown + 1 : shown - 1));
      }
    }
    await this.rosterCheckInButton(name).click();
    await expect(this.checkedInBadge(name, credits ?? 1)).toBeVisible();
    await this.rosterSearch.fill('');
  }
}
