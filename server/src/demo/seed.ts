import {
  addDaysToDate,
  checkIn,
  clubDate,
  createSeries,
  createTemplate,
  createTrainingType,
  grantPass,
  isoWeekday,
  setIntent,
  type Actor,
  type ClubSettings,
  type CommandContext,
  type Decision,
  type Pass,
  type Session,
  type Template,
} from '@turnout/shared';
// Demo data, not rules: the seed builds its rows with the test factories.
import { aClubSettings, aContext, aTemplate, aTrainingType } from '@turnout/shared/testing';
import { hashPassword } from '../auth/password.js';
import { newId } from '../ids.js';
import { insertClub } from '../repositories/clubs.repository.js';
import { nextVersion, writeEffects } from '../repositories/domain.repository.js';
import { statementsOf } from '../db/connection.js';
import type { Statements } from '../db/statements.js';
import { insertMembership } from '../repositories/memberships.repository.js';
import { insertUser } from '../repositories/users.repository.js';
import type { ServiceDeps } from '../services/deps.js';
import { serverTimeZone } from '../services/setup.service.js';

export const DEMO_PASSWORD = 'turnout-demo';

interface DemoLogin {
  role: 'owner' | 'host' | 'member';
  name: string;
  email: string;
}

const people: DemoLogin[] = [
  { role: 'owner', name: 'Olivia Owner', email: 'owner@demo.turnout.test' },
  { role: 'host', name: 'Hugo Host', email: 'host@demo.turnout.test' },
  { role: 'member', name: 'Mia Member', email: 'mia@demo.turnout.test' },
  { role: 'member', name: 'Noah Novak', email: 'noah@demo.turnout.test' },
  { role: 'member', name: 'Ella Kranjc', email: 'ella@demo.turnout.test' },
  { role: 'member', name: 'Luka Zupan', email: 'luka@demo.turnout.test' },
  { role: 'member', name: 'Sara Horvat', email: 'sara@demo.turnout.test' },
  { role: 'member', name: 'Jan Kovač', email: 'jan@demo.turnout.test' },
];

export function demoLogins(): DemoLogin[] {
  return people;
}

export interface DemoClub {
  clubId: string;
  clubName: string;
  sessions: number;
  passes: number;
  checkIns: number;
}

/**
 * Fills an empty database with a demo club: people in every role, two
 * training types, two pass templates, four weeks of weekly classes starting
 * this Monday, passes for most members, check-ins for the classes already
 * over and some "going" marks. Every domain change goes through the same
 * rules and writer that sync uses, so the demo data obeys every rule.
 */
export async function seedDemo(deps: ServiceDeps): Promise<DemoClub> {
  const now = deps.clock();
  const at = now.toISOString();
  const clubId = newId();
  const clubName = 'Riverside Movement Club';
  const settings = aClubSettings({ timezone: serverTimeZone() });
  // One hash for all demo accounts: they share the demo password.
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.passwordCost);

  const st = statementsOf(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    await insertClub(trx, { id: clubId, name: clubName, settings, createdAt: at });
    const memberIds: Record<string, string> = {};
    for (const person of people) {
      const userId = newId();
      memberIds[person.email] = newId();
      await insertUser(trx, {
        id: userId,
        name: person.name,
        email: person.email,
        password_hash: passwordHash,
        created_at: at,
      });
      await insertMembership(trx, {
        id: memberIds[person.email]!,
        clubId,
        userId,
        role: person.role,
        createdAt: at,
      });
    }
    const owner: Actor = { memberId: memberIds['owner@demo.turnout.test']!, role: 'owner' };
    const host: Actor = { memberId: memberIds['host@demo.turnout.test']!, role: 'host' };
    const apply = applier(st, clubId, settings, now);

    const yoga = newId();
    const strength = newId();
    await apply(owner, (ctx) =>
      createTrainingType(ctx, { trainingTypeId: yoga, name: 'Yoga' }, { existing: null, all: [] }),
    );
    await apply(owner, (ctx) =>
      createTrainingType(
        ctx,
        { trainingTypeId: strength, name: 'Strength' },
        { existing: null, all: [] },
      ),
    );

    const tenClass = aTemplate({
      id: newId(),
      names: { en: '10-class pass' },
      descriptions: { en: 'Ten classes of any kind, valid for two months.' },
      priceMinor: 9000,
      validityDays: 60,
    });
    const yogaFive = aTemplate({
      id: newId(),
      names: { en: '5 yoga classes' },
      descriptions: { en: 'Five yoga classes within a month.' },
      sessions: 5,
      priceMinor: 5000,
      validityDays: 30,
      trainingTypeIds: [yoga],
    });
    for (const t of [tenClass, yogaFive]) {
      await apply(owner, (ctx) =>
        createTemplate(
          ctx,
          {
            templateId: t.id,
            names: t.names,
            descriptions: t.descriptions,
            sessions: t.sessions,
            priceMinor: t.priceMinor,
            currency: t.currency,
            validityDays: t.validityDays,
            trainingTypeIds: t.trainingTypeIds,
          },
          { existing: null },
        ),
      );
    }

    const today = clubDate(now.getTime(), settings.timezone);
    const monday = addDaysToDate(today, 1 - isoWeekday(today));
    const until = addDaysToDate(monday, 27);
    const sessions: Session[] = [];
    const classes = [
      {
        title: 'Morning Yoga',
        weekdays: [1, 3, 5],
        startTime: '07:30',
        type: yoga,
        capacity: 12,
        location: 'Studio A',
      },
      {
        title: 'Strength Basics',
        weekdays: [2, 4],
        startTime: '18:00',
        type: strength,
        capacity: 8,
        location: 'Gym floor',
      },
      {
        title: 'Evening Flow',
        weekdays: [1, 3],
        startTime: '19:30',
        type: yoga,
        capacity: 16,
        location: 'Studio A',
      },
      {
        title: 'Weekend Open Mat',
        weekdays: [6],
        startTime: '10:00',
        type: null,
        capacity: null,
        location: 'Main hall',
      },
    ];
    for (const c of classes) {
      const effects = await apply(host, (ctx) =>
        createSeries(
          ctx,
          {
            seriesId: newId(),
            weekdays: c.weekdays,
            startTime: c.startTime,
            durationMinutes: 60,
            fromDate: monday,
            untilDate: until,
            title: c.title,
            trainingTypeId: c.type,
            capacity: c.capacity,
            location: c.location,
            creditCost: 1,
          },
          {
            existing: null,
            trainingType: c.type ? aTrainingType({ id: c.type, name: c.title }) : null,
          },
        ),
      );
      sessions.push(...effects.sessions);
    }

    const passes = new Map<string, Pass[]>();
    const grants: [string, Template][] = [
      ['mia@demo.turnout.test', tenClass],
      ['noah@demo.turnout.test', tenClass],
      ['ella@demo.turnout.test', tenClass],
      ['luka@demo.turnout.test', tenClass],
      ['sara@demo.turnout.test', yogaFive],
    ];
    for (const [email, template] of grants) {
      const memberId = memberIds[email]!;
      const effects = await apply(owner, (ctx) =>
        grantPass(
          ctx,
          { passId: newId(), memberId, templateId: template.id },
          { template, request: null, existing: null },
        ),
      );
      passes.set(memberId, effects.passes);
    }

    // Classes already over this week: the host recorded who came.
    const regulars = ['mia', 'noah', 'ella', 'luka', 'sara'].map(
      (n) => memberIds[`${n}@demo.turnout.test`]!,
    );
    let checkIns = 0;
    const past = sessions.filter((s) => Date.parse(s.endsAt) < now.getTime());
    for (const [i, session] of past.entries()) {
      let occupancy = 0;
      for (const memberId of regulars.filter((_, j) => (i + j) % 3 !== 0)) {
        const memberPasses = passes.get(memberId) ?? [];
        const decision = checkIn(
          context(host, settings, now),
          { sessionId: session.id, memberId },
          { session, occupancy, signup: null, attendance: null, passes: memberPasses },
        );
        // A member without a pass for this kind of class simply didn't come.
        if (!decision.ok || decision.effects.flags.includes('unpaid')) continue;
        write(st, clubId, decision);
        occupancy += 1;
        checkIns += 1;
        const changed = new Map(decision.effects.passes.map((p) => [p.id, p]));
        passes.set(
          memberId,
          memberPasses.map((p) => changed.get(p.id) ?? p),
        );
      }
    }

    // Upcoming classes: a few members say they are going.
    const upcoming = sessions.filter((s) => Date.parse(s.startsAt) > now.getTime()).slice(0, 4);
    for (const session of upcoming) {
      for (const memberId of regulars.slice(0, 3)) {
        await apply({ memberId, role: 'member' }, (ctx) =>
          setIntent(ctx, { sessionId: session.id, going: true }, { session, intent: null }),
        );
      }
    }

    return {
      clubId,
      clubName,
      sessions: sessions.length,
      passes: grants.length,
      checkIns,
    };
  });
}

function context(actor: Actor, settings: ClubSettings, now: Date): CommandContext {
  const { role, memberId } = actor;
  return aContext({
    role,
    memberId,
    settings,
    now: now.getTime(),
    mutationId: newId(),
    deviceLabel: 'Demo seed',
  });
}

/** Writes a decision inside the seed's transaction (on the connection it holds). */
function write(st: Statements, clubId: string, decision: Decision) {
  if (!decision.ok) throw new Error(`Demo seed refused: ${decision.code} ${decision.message}`);
  writeEffects(st, clubId, decision.effects, nextVersion(st), null);
  return decision.effects;
}

function applier(st: Statements, clubId: string, settings: ClubSettings, now: Date) {
  return (actor: Actor, rule: (ctx: CommandContext) => Decision) =>
    write(st, clubId, rule(context(actor, settings, now)));
}
