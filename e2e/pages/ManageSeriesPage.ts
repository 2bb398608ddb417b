import type { Locator, Page } from '@playwright/test';

export interface NewSeries {
  title: string;
  /** English weekday names, as the checkboxes are labelled. */
  weekdays: string[];
  /** 'HH:mm', club time. */
  startTime: string;
  durationMinutes: number;
  /** 'YYYY-MM-DD'. */
  fromDate: string;
  untilDate: string;
  capacity?: number;
  location?: string;
}

/** `/manage/series`: weekly series with their next sessions, create and edit. */
export class ManageSeriesPage {
  readonly heading: Locator;
  readonly newSeriesButton: Locator;
  readonly form: Locator;
  readonly preview: Locator;
  readonly createButton: Locator;
  readonly list: Locator;
  /** Announces what just happened (created, saved). */
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Weekly series', level: 1 });
    this.newSeriesButton = page.getByRole('button', { name: 'New weekly series' });
    this.form = page.getByRole('region', { name: /^New weekly series|^Edit series/ });
    this.preview = page.getByTestId('series-preview');
    this.createButton = page.getByRole('button', { name: 'Create series' });
    this.list = page.getByRole('region', { name: 'Series' }).getByRole('listitem');
    this.notice = page.getByTestId('manage-notice');
  }

  async open(): Promise<void> {
    await this.page.goto('/manage/series');
    await this.heading.waitFor();
  }

  /** Opens the form and fills it in (does not submit). */
  async fill(series: NewSeries): Promise<void> {
    await this.newSeriesButton.click();
    await this.form.getByLabel('Title').fill(series.title);
    for (const day of series.weekdays) await this.form.getByLabel(day, { exact: true }).check();
    await this.form.getByLabel('Starts at').fill(series.startTime);
    await this.form.getByLabel('Length in minutes').fill(String(series.durationMinutes));
    await this.form.getByLabel('First date').fill(series.fromDate);
    await this.form.getByLabel('Last date').fill(series.untilDate);
    if (series.capacity !== undefined) {
      await this.form.getByLabel('Places').fill(String(series.capacity));
    }
    if (series.location !== undefined) await this.form.getByLabel('Location').fill(series.location);
  }

  series(title: string): Locator {
    return this.list.filter({ has: this.page.getByRole('heading', { name: title }) });
  }
}
