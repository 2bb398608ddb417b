import { randomUUID } from 'node:crypto';
import { Api } from './api';
import { baseURL as defaultBaseURL, browserTimeZone } from './env';
import { newSetupToken } from './server';

/**
 * Seeds a club through the public API only (setup token, invitations,
 * `sync.push` as the owner) and reads back what the server holds
 * (`sync.pull` and the reports, as the owner). One club per test keeps the
 * tests independent on the run's shared server.
 */

export type Role = 'member' | 'host' | 'owner';

export interface Person {
  name: string;
  email: string;
  password: string;
  role: Role;
  memberId: string;
  userId: string;
  /** Logged in as this person. */
  api: Api;
}

interface Me {
  user: { id: string; name: string; email: string };
  clubs: { clubId: string; clubName: string; memberId: string; role: Role; timezone: string }[];
}

export interface PushResult {
  id: string;
  status: 'applied' | 'rejected';
  code?: string;
  message?: string;
  flags?: string[];
}

export interface SeedMutation {
  name: string;
  args: Record<string, unknown>;
}

// Rows of `sync.pull` (docs/protocol.md, "Tables"), as far as the tests read them.
export interface AttendanceRow {
  id: string;
  sessionId: string;
  memberId: string;
  credits: number;
  charges: { passId: string; credits: number }[];
  unpaidCredits: number;
  flags: string[];
  voided: boolean;
  checkedInAt: string;
  deviceLabel: string | null;
}
export interface PassRow {
  id: string;
  memberId: string;
  templateId: string;
  balance: number;
  active: boolean;
}
export interface CreditLogRow {
  id: string;
  passId: string;
  memberId: string;
  delta: number;
  kind: string;
  balanceAfter: number;
  sessionId: string | null;
  at: string;
}
export interface SessionRow {
  id: string;
  title: string;
  capacity: number | null;
  status: string;
}
export interface SessionCountRow {
  sessionId: string;
  occupancy: number;
  going: number;
  waitlisted: number;
}

interface PullPage {
  cursor: string;
  reset: boolean;
  hasMore: boolean;
  changes: Record<string, { put: unknown[]; del: string[] } | undefined>;
}

/** What the server holds for the club, as the owner sees it. */
export interface ClubState {
  sessions: SessionRow[];
  sessionCounts: SessionCountRow[];
  attendance: AttendanceRow[];
  passes: PassRow[];
  creditLog: CreditLogRow[];
}

export interface AttentionItem {
  id: string;
  kind: 'flagged' | 'refused';
  mutation: string;
  code: string | null;
  message: string | null;
  flags: string[];
  member: { memberId: string; name: string | null } | null;
  session: { sessionId: string; title: string } | null;
}

export interface NewSession {
  title: string;
  /** Minutes from now (negative: already started). */
  startsInMinutes: number;
  durationMinutes?: number;
  capacity?: number | null;
  creditCost?: number;
  location?: string;
}

let clubs = 0;

/** A readable, unique email for a name in this run. */
function emailFor(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return `${slug}.${randomUUID().slice(0, 8)}@example.org`;
}

export class SeededClub {
  /** Each person's seeding "device": its client id and next seq. */
  readonly #devices = new Map<string, { clientId: string; seq: number }>();

  private constructor(
    readonly id: string,
    readonly name: string,
    readonly owner: Person,
    readonly baseURL: string,
  ) {}

  /**
   * Creates a club and its owner with a setup token: by default a fresh one
   * from `turnout setup-link` on the run's server.
   */
  static async create(
    name: string,
    options: { baseURL?: string; token?: string; ownerName?: string } = {},
  ): Promise<SeededClub> {
    const baseURL = options.baseURL ?? defaultBaseURL;
    clubs++;
    // A made-up address per club (see ApiOptions.address).
    const address = `10.${process.pid % 250}.${Math.floor(clubs / 250)}.${clubs % 250}`;
    const api = new Api({ baseURL, address });
    const token = options.token ?? (await newSetupToken());
    const ownerName = options.ownerName ?? 'Olga Owner';
    const owner = { name: ownerName, email: emailFor(ownerName), password: 'owner-password-1' };
    const me = await api.mutate<Me>('setup.createClub', {
      token,
      club: { name, timezone: browserTimeZone },
      owner,
    });
    const seat = me.clubs[0];
    if (!seat) throw new Error('setup.createClub returned no club');
    return new SeededClub(
      seat.clubId,
      name,
      { ...owner, role: 'owner', memberId: seat.memberId, userId: me.user.id, api },
      baseURL,
    );
  }

  /** Invites someone with `role`; they create an account and join (logged in as them). */
  async addPerson(name: string, role: Role = 'member'): Promise<Person> {
    const invite = await this.owner.api.mutate<{ code: string }>('invites.create', {
      clubId: this.id,
      role,
    });
    const api = this.owner.api.fresh();
    const account = { name, email: emailFor(name), password: `${role}-password-1` };
    const me = await api.mutate<Me & { clubId: string }>('invites.accept', {
      token: invite.code,
      account,
    });
    const seat = me.clubs.find((c) => c.clubId === this.id);
    if (!seat) throw new Error(`${name} did not join ${this.name}`);
    return { ...account, role, memberId: seat.memberId, userId: me.user.id, api };
  }

  /** A second login of the same person (another device of theirs). */
  async loginAgain(person: Person): Promise<Person> {
    const api = this.owner.api.fresh();
    await api.mutate('auth.login', { email: person.email, password: person.password });
    return { ...person, api };
  }

  /** Sends mutations as the owner from the seeding "device"; every one must be applied. */
  push(...mutations: SeedMutation[]): Promise<PushResult[]> {
    return this.pushAs(this.owner, ...mutations);
  }

  /** Sends mutations as someone (from a seeding "device" of theirs); every one must be applied. */
  async pushAs(person: Person, ...mutations: SeedMutation[]): Promise<PushResult[]> {
    let device = this.#devices.get(person.memberId);
    if (!device) {
      device = { clientId: randomUUID(), seq: 1 };
      this.#devices.set(person.memberId, device);
    }
    const output = await person.api.mutate<{ results: PushResult[] }>('sync.push', {
      clubId: this.id,
      clientId: device.clientId,
      deviceLabel: 'Seeding script',
      mutations: mutations.map((m) => ({
        id: randomUUID(),
        clientId: device.clientId,
        seq: device.seq++,
        name: m.name,
        args: m.args,
        occurredAt: new Date().toISOString(),
      })),
    });
    const refused = output.results.filter((r) => r.status !== 'applied');
    if (refused.length > 0) {
      throw new Error(`Seeding was refused: ${JSON.stringify(refused)}`);
    }
    return output.results;
  }

  async updateSettings(settings: Record<string, unknown>): Promise<void> {
    await this.push({ name: 'club.updateSettings', args: settings });
  }

  async createSession(session: NewSession): Promise<{ id: string; title: string }> {
    const id = randomUUID();
    const startsAt = Date.now() + session.startsInMinutes * 60_000;
    const endsAt = startsAt + (session.durationMinutes ?? 60) * 60_000;
    await this.push({
      name: 'session.create',
      args: {
        sessionId: id,
        title: session.title,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        capacity: session.capacity ?? null,
        creditCost: session.creditCost ?? 1,
        location: session.location ?? 'Main hall',
      },
    });
    return { id, title: session.title };
  }

  async createTemplate(name: string, sessions: number, validityDays = 90): Promise<string> {
    const templateId = randomUUID();
    await this.push({
      name: 'template.create',
      args: {
        templateId,
        names: { en: name },
        sessions,
        priceMinor: sessions * 1000,
        currency: 'EUR',
        validityDays,
      },
    });
    return templateId;
  }

  async grantPass(person: Person, templateId: string): Promise<string> {
    const passId = randomUUID();
    await this.push({
      name: 'pass.grant',
      args: { passId, memberId: person.memberId, templateId },
    });
    return passId;
  }

  /** A pass with exactly `credits` sessions on it (a template of that size). */
  async givePass(person: Person, credits: number, name = `${credits}-session pass`) {
    return this.grantPass(person, await this.createTemplate(name, credits));
  }

  /** Everything the owner can see of the club on the server now (a fresh snapshot). */
  async state(): Promise<ClubState> {
    const tables = new Map<string, Map<string, unknown>>();
    let cursor: string | undefined;
    for (;;) {
      const page: PullPage = await this.owner.api.query('sync.pull', {
        clubId: this.id,
        ...(cursor ? { cursor } : {}),
      });
      for (const [table, change] of Object.entries(page.changes)) {
        if (!change) continue;
        const rows = tables.get(table) ?? new Map<string, unknown>();
        for (const key of change.del) rows.delete(key);
        for (const row of change.put) rows.set(rowKey(table, row), row);
        tables.set(table, rows);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const rows = <T>(table: string) => [...(tables.get(table)?.values() ?? [])] as T[];
    return {
      sessions: rows<SessionRow>('sessions'),
      sessionCounts: rows<SessionCountRow>('sessionCounts'),
      attendance: rows<AttendanceRow>('attendance'),
      passes: rows<PassRow>('passes'),
      creditLog: rows<CreditLogRow>('creditLog').sort((a, b) => a.at.localeCompare(b.at)),
    };
  }

  /** The organizers' needs-attention list (open items). */
  async attention(): Promise<AttentionItem[]> {
    const list = await this.owner.api.query<{ items: AttentionItem[] }>('reports.attention', {
      clubId: this.id,
    });
    return list.items;
  }
}

function rowKey(table: string, row: unknown): string {
  const r = row as Record<string, string>;
  if (table === 'intents') return `${r.sessionId}:${r.memberId}`;
  if (table === 'sessionCounts') return r.sessionId ?? '';
  if (table === 'members') return r.memberId ?? '';
  return r.id ?? '';
}

/** Attendance of one session that stands (not voided), by member id. */
export function checkInsOf(state: ClubState, sessionId: string): Map<string, AttendanceRow> {
  return new Map(
    state.attendance
      .filter((a) => a.sessionId === sessionId && !a.voided)
      .map((a) => [a.memberId, a]),
  );
}

export function passOf(state: ClubState, passId: string): PassRow {
  const pass = state.passes.find((p) => p.id === passId);
  if (!pass) throw new Error(`Pass ${passId} is not on the server`);
  return pass;
}
