import { applyLocally, generateOccurrences, occurrenceId, type Series } from '@turnout/shared';
import {
  aMember,
  aSeries,
  aSession,
  aSignup,
  memberIdOf,
  OWNER,
  TZ,
} from '@turnout/shared/testing';
import { describe, expect, it } from 'vitest';
import { replicaOf } from '$lib/testing';
import {
  emptySeriesForm,
  previewSeries,
  seriesAfter,
  seriesCreateFromForm,
  seriesEditImpact,
  seriesFormOf,
  seriesFormPreview,
  seriesSummaries,
  seriesUpdateFromForm,
  weekdayNames,
  withWeekday,
  type SeriesForm,
} from './manage-series';

const AMY = memberIdOf(5);
const SERIES = '50000000-0000-4000-8000-000000000001';
const owner = { actor: { memberId: OWNER, role: 'owner' as const }, deviceLabel: null };

/** The club as an owner's device holds it: Olga (owner) and Amy. */
function club() {
  return replicaOf({
    members: [
      aMember({ memberId: OWNER, name: 'Olga', role: 'owner' }),
      aMember({ memberId: AMY, name: 'Amy' }),
    ],
  }).layer();
}

function form(over: Partial<SeriesForm> = {}): SeriesForm {
  return {
    ...emptySeriesForm('2026-03-02'),
    title: 'Evening Yoga',
    // Tuesdays and Thursdays, 18:00 for 90 minutes, four weeks.
    weekdays: [4, 2],
    startTime: '18:00',
    durationMinutes: '90',
    untilDate: '2026-03-29',
    capacity: '12',
    ...over,
  };
}

describe('the weekly series form', () => {
  it('starts today for thirteen weeks with no weekday picked', () => {
    expect(emptySeriesForm('2026-03-02')).toMatchObject({
      weekdays: [],
      fromDate: '2026-03-02',
      untilDate: '2026-05-31',
      creditCost: '1',
    });
  });

  it('becomes series.create args with sorted weekdays', () => {
    expect(seriesCreateFromForm(form(), SERIES)).toEqual({
      ok: true,
      args: {
        seriesId: SERIES,
        title: 'Evening Yoga',
        weekdays: [2, 4],
        startTime: '18:00',
        durationMinutes: 90,
        fromDate: '2026-03-02',
        untilDate: '2026-03-29',
        capacity: 12,
        creditCost: 1,
        location: null,
        description: null,
        trainingTypeId: null,
      },
    });
  });

  it('names what is wrong: no weekday, a bad length, a range backwards or too long', () => {
    expect(
      seriesCreateFromForm(
        form({ weekdays: [], durationMinutes: '0', untilDate: '2026-03-01', title: '' }),
        SERIES,
      ),
    ).toEqual({
      ok: false,
      problems: {
        weekdays: { code: 'weekdays' },
        durationMinutes: { code: 'wholeNumber', values: { min: 1, max: 1440 } },
        title: { code: 'required' },
        untilDate: { code: 'seriesSpan' },
      },
    });
    const long = seriesCreateFromForm(form({ untilDate: '2028-06-01' }), SERIES);
    expect(long).toEqual({ ok: false, problems: { untilDate: { code: 'seriesSpan' } } });
  });

  it('previews the sessions it creates, counting those already past', () => {
    const preview = previewSeries(
      {
        weekdays: [2, 4],
        startTime: '18:00',
        durationMinutes: 90,
        fromDate: '2026-03-02',
        untilDate: '2026-03-29',
      },
      TZ,
      '2026-03-06T12:00:00.000Z',
    );
    expect(preview.count).toBe(8);
    expect(preview.first?.date).toBe('2026-03-03');
    expect(preview.last?.date).toBe('2026-03-26');
    expect(preview.past).toBe(2);
  });

  it('creates every occurrence through the shared rules on the device', async () => {
    const view = club();
    const result = seriesCreateFromForm(form(), SERIES);
    if (!result.ok) throw new Error('form refused');
    const outcome = applyLocally(view, owner, {
      id: '50000000-0000-4000-9000-000000000001',
      name: 'series.create',
      args: result.args,
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(outcome.ok).toBe(true);
    const sessions = view.tables.sessions.by('series', SERIES);
    expect(sessions).toHaveLength(8);
    // 18:00 Berlin stays 18:00 across the change to summer time on 29 March.
    expect(view.tables.sessions.get(occurrenceId(SERIES, '2026-03-26'))?.startsAt).toBe(
      '2026-03-26T17:00:00.000Z',
    );
  });
});

/** Evening Yoga: Tuesdays and Thursdays at 18:00 for 90 minutes, 2–29 March 2026, twelve places. */
const series = (over: Partial<Series> = {}) =>
  aSeries({
    id: SERIES,
    weekdays: [2, 4],
    durationMinutes: 90,
    fromDate: '2026-03-02',
    untilDate: '2026-03-29',
    title: 'Evening Yoga',
    capacity: 12,
    ...over,
  });

async function withSeries(now: string) {
  const view = club();
  const result = seriesCreateFromForm(form(), SERIES);
  if (!result.ok) throw new Error('form refused');
  applyLocally(view, owner, {
    id: '50000000-0000-4000-9000-000000000002',
    name: 'series.create',
    args: result.args,
    occurredAt: now,
  });
  return view;
}

describe('editing a series', () => {
  it('sends only what changed', () => {
    const s = series();
    expect(seriesUpdateFromForm(s, seriesFormOf(s))).toEqual({ ok: true, args: null });
    expect(
      seriesUpdateFromForm(s, { ...seriesFormOf(s), weekdays: [4], startTime: '19:00' }),
    ).toEqual({ ok: true, args: { seriesId: SERIES, weekdays: [4], startTime: '19:00' } });
  });

  it('says which future sessions change, are added, or are cancelled with whose places', async () => {
    const now = '2026-03-11T12:00:00.000Z';
    const view = await withSeries('2026-03-01T10:00:00.000Z');
    // Amy signed up for Tuesday 17 March.
    const tuesday = occurrenceId(SERIES, '2026-03-17');
    const amy = aSignup({
      id: '50000000-0000-4000-9000-0000000000f1',
      sessionId: tuesday,
      memberId: AMY,
      createdAt: now,
      updatedAt: now,
    });
    view.tables.signups.put(amy);
    view.tables.sessionCounts.put({ sessionId: tuesday, occupancy: 1, going: 0, waitlisted: 0 });

    // Thursdays only, until 5 April: Tue 17 and 24 go; Thu 12, 19 and 26 change; Thu 2 April is new.
    const args = { seriesId: SERIES, weekdays: [4], untilDate: '2026-04-05' };
    const impact = seriesEditImpact(view, seriesAfter(series(), args), TZ, now);
    expect(impact.changed).toBe(3);
    expect(impact.added).toBe(1);
    expect(impact.removed.map((s) => s.id)).toEqual([tuesday, occurrenceId(SERIES, '2026-03-24')]);
    expect(impact.holders).toBe(1);

    // The rules agree.
    const outcome = applyLocally(view, owner, {
      id: '50000000-0000-4000-9000-000000000003',
      name: 'series.update',
      args,
      occurredAt: now,
    });
    expect(outcome.ok).toBe(true);
    expect(view.tables.sessions.get(tuesday)?.status).toBe('cancelled');
    expect(view.tables.sessions.get(occurrenceId(SERIES, '2026-04-02'))?.status).toBe('scheduled');
    // Past occurrences stay as they were.
    expect(view.tables.sessions.get(occurrenceId(SERIES, '2026-03-03'))?.status).toBe('scheduled');
  });
});

describe('the list of series', () => {
  it('shows each series’ next sessions, running series first', async () => {
    const now = '2026-03-11T12:00:00.000Z';
    const view = await withSeries('2026-03-01T10:00:00.000Z');
    const ended = series({
      id: '50000000-0000-4000-8000-000000000002',
      title: 'Winter Pilates',
      fromDate: '2026-01-05',
      untilDate: '2026-02-28',
    });
    view.tables.series.put(ended);
    for (const occ of generateOccurrences(ended, TZ)) {
      view.tables.sessions.put(
        aSession({
          id: occ.id,
          title: ended.title,
          startsAt: occ.startsAt,
          endsAt: occ.endsAt,
          capacity: 12,
          seriesId: ended.id,
        }),
      );
    }
    const list = seriesSummaries(view, now, 3);
    expect(list.map((s) => s.series.title)).toEqual(['Evening Yoga', 'Winter Pilates']);
    expect(list[0]?.next.map((s) => s.startsAt)).toEqual([
      '2026-03-12T17:00:00.000Z',
      '2026-03-17T17:00:00.000Z',
      '2026-03-19T17:00:00.000Z',
    ]);
    expect(list[0]?.remaining).toBe(5);
    expect(list[1]?.next).toEqual([]);
    expect(list[1]?.remaining).toBe(0);
  });

  it('names weekdays Monday first in the reader’s language', () => {
    expect(weekdayNames('en', 'long')[0]).toBe('Monday');
    expect(weekdayNames('de', 'long')[6]).toBe('Sonntag');
  });
});

describe('the new series form while it is typed', () => {
  it('previews its sessions once the schedule makes sense, and nothing before', () => {
    const now = '2026-03-06T12:00:00.000Z';
    expect(seriesFormPreview(form(), TZ, now)).toMatchObject({ count: 8, past: 2 });
    expect(seriesFormPreview(form({ weekdays: [] }), TZ, now)).toBeNull();
    expect(seriesFormPreview(form({ startTime: '25:00' }), TZ, now)).toBeNull();
    expect(seriesFormPreview(form({ durationMinutes: '1.5' }), TZ, now)).toBeNull();
    expect(seriesFormPreview(form({ untilDate: '2026-03-01' }), TZ, now)).toBeNull();
    // Over two years the form refuses; the preview does not count that far.
    expect(seriesFormPreview(form({ untilDate: '2028-06-01' }), TZ, now)).toBeNull();
  });

  it('ticks and unticks weekdays, keeping them in week order', () => {
    expect(withWeekday([4], 2, true)).toEqual([2, 4]);
    expect(withWeekday([2, 4], 2, true)).toEqual([2, 4]);
    expect(withWeekday([2, 4], 4, false)).toEqual([2]);
  });
});
