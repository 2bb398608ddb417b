import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { ErrorCode } from '@turnout/shared';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  errorCodeOf,
  PASSWORD,
  setUpAnotherClub,
  setUpClub,
  startTestServer,
  type TestClient,
  type TestServer,
} from '../test/harness.js';
import { appRouter, type AppRouter } from './app.router.js';

/**
 * Every procedure × every kind of caller, with who may pass authorization.
 * A procedure missing here fails the first test, so nothing new escapes it.
 * "Allowed" means the call got past authorization: it may still be refused
 * for another reason (e.g. `not_found` for a made-up id), which is fine here.
 */
const actors = ['anonymous', 'member', 'host', 'owner', 'otherOwner'] as const;
type Actor = (typeof actors)[number];

interface World {
  clubId: string;
  hostInviteCode: string;
}

type Call = (client: TestClient, world: World) => Promise<unknown>;

const everyone: Actor[] = [...actors];
const hostsAndOwners: Actor[] = ['host', 'owner'];
const signedIn: Actor[] = ['member', 'host', 'owner', 'otherOwner'];

const matrix: Record<string, { allowed: Actor[]; call: Call }> = {
  'setup.status': { allowed: everyone, call: (c) => c.api.setup.status.query() },
  'setup.createClub': {
    allowed: everyone,
    call: (c) =>
      c.api.setup.createClub.mutate({
        token: 'wrong-token',
        club: { name: 'X' },
        owner: { name: 'X', email: 'x@example.org', password: PASSWORD },
      }),
  },
  'auth.login': {
    allowed: everyone,
    call: (c) => c.api.auth.login.mutate({ email: 'nobody@example.org', password: 'x' }),
  },
  'auth.logout': { allowed: everyone, call: (c) => c.api.auth.logout.mutate() },
  'auth.me': { allowed: signedIn, call: (c) => c.api.auth.me.query() },
  'auth.current': { allowed: everyone, call: (c) => c.api.auth.current.query() },
  // Passwords and profile: the links work without a login; the profile is the person's own.
  'account.options': { allowed: everyone, call: (c) => c.api.account.options.query() },
  'account.forgotPassword': {
    allowed: everyone,
    call: (c) => c.api.account.forgotPassword.mutate({ email: 'nobody@example.org' }),
  },
  'account.resetPreview': {
    allowed: everyone,
    call: (c) => c.api.account.resetPreview.query({ token: 'AAAAA-AAAAA' }),
  },
  'account.resetPassword': {
    allowed: everyone,
    call: (c) => c.api.account.resetPassword.mutate({ token: 'AAAAA-AAAAA', password: PASSWORD }),
  },
  'account.confirmEmail': {
    allowed: everyone,
    call: (c) => c.api.account.confirmEmail.mutate({ token: 'AAAAA-AAAAA' }),
  },
  'account.issueReset': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.account.issueReset.mutate({ clubId: w.clubId, memberId: randomUUID() }),
  },
  'account.profile': { allowed: signedIn, call: (c) => c.api.account.profile.query() },
  'account.updateProfile': {
    allowed: signedIn,
    call: (c) => c.api.account.updateProfile.mutate({}),
  },
  'account.changePassword': {
    allowed: signedIn,
    call: (c) =>
      c.api.account.changePassword.mutate({ currentPassword: 'wrong', password: PASSWORD }),
  },
  'account.logins': { allowed: signedIn, call: (c) => c.api.account.logins.query() },
  'account.endOtherLogins': {
    allowed: signedIn,
    call: (c) => c.api.account.endOtherLogins.mutate(),
  },
  'account.changeEmail': {
    allowed: signedIn,
    call: (c) =>
      c.api.account.changeEmail.mutate({ email: 'new@example.org', currentPassword: 'wrong' }),
  },
  'clubs.get': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.clubs.get.query({ clubId: w.clubId }),
  },
  'invites.preview': {
    allowed: everyone,
    call: (c, w) => c.api.invites.preview.query({ token: w.hostInviteCode }),
  },
  'invites.accept': {
    allowed: everyone,
    call: (c) =>
      c.api.invites.accept.mutate({
        token: 'AAAAA-AAAAA',
        account: { name: 'X', email: 'y@example.org', password: PASSWORD },
      }),
  },
  'invites.create': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.invites.create.mutate({ clubId: w.clubId, role: 'member' }),
  },
  'invites.list': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.invites.list.query({ clubId: w.clubId }),
  },
  'invites.revoke': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.invites.revoke.mutate({ clubId: w.clubId, inviteId: randomUUID() }),
  },
  'members.list': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.members.list.query({ clubId: w.clubId }),
  },
  'members.setRole': {
    allowed: ['owner'],
    call: (c, w) =>
      c.api.members.setRole.mutate({ clubId: w.clubId, memberId: randomUUID(), role: 'host' }),
  },
  'door.certify': {
    allowed: ['member', 'host', 'owner'],
    // A valid key (the generator of P-256, compressed): the call passes validation.
    call: (c, w) =>
      c.api.door.certify.mutate({
        clubId: w.clubId,
        deviceKey: 'A2sX0fLhLEJH-Lzm5WOkQPJ3A32BLeszoPShOUXYmMKW',
      }),
  },
  'door.issueCard': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.door.issueCard.mutate({ clubId: w.clubId, memberId: randomUUID() }),
  },
  'door.cardCode': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.door.cardCode.query({ clubId: w.clubId, serial: 'AAAAAAAAAAA' }),
  },
  'door.revoke': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.door.revoke.mutate({ clubId: w.clubId, serial: 'AAAAAAAAAAA' }),
  },
  'door.passes': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.door.passes.query({ clubId: w.clubId, memberId: randomUUID() }),
  },
  // Push refuses per mutation (a result), so the cell reads the result's code.
  'sync.push': {
    allowed: ['member', 'host', 'owner'],
    call: async (c, w) => {
      const { results } = await c.api.sync.push.mutate({
        clubId: w.clubId,
        clientId: randomUUID(),
        mutations: [
          {
            id: randomUUID(),
            clientId: randomUUID(),
            seq: 0,
            name: 'intent.set',
            args: { sessionId: randomUUID(), going: true },
            occurredAt: new Date().toISOString(),
          },
        ],
      });
      if (results[0]?.code === 'not_permitted') throw new ResultRefusal('not_permitted');
      return results;
    },
  },
  'sync.pull': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.sync.pull.query({ clubId: w.clubId }),
  },
  'sync.changes': {
    allowed: ['member', 'host', 'owner'],
    // The SSE stream's first event (the current version) or its refusal.
    call: (c, w) => firstEvent(c, w.clubId),
  },
  'reports.templates': {
    allowed: ['owner'],
    call: (c, w) => c.api.reports.templates.query({ clubId: w.clubId }),
  },
  // Hosts only when the club lets them manage passes (off by default).
  'reports.expiringPasses': {
    allowed: ['owner'],
    call: (c, w) => c.api.reports.expiringPasses.query({ clubId: w.clubId }),
  },
  'reports.passCreditLog': {
    allowed: ['owner'],
    call: (c, w) => c.api.reports.passCreditLog.query({ clubId: w.clubId, passId: randomUUID() }),
  },
  'reports.pastSessions': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.reports.pastSessions.query({ clubId: w.clubId }),
  },
  'reports.memberAttendance': {
    allowed: hostsAndOwners,
    call: (c, w) =>
      c.api.reports.memberAttendance.query({ clubId: w.clubId, memberId: randomUUID() }),
  },
  'reports.guestVisits': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.reports.guestVisits.query({ clubId: w.clubId }),
  },
  'reports.attention': {
    allowed: hostsAndOwners,
    call: (c, w) => c.api.reports.attention.query({ clubId: w.clubId }),
  },
  'calendar.feeds': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.calendar.feeds.query({ clubId: w.clubId }),
  },
  'calendar.renew': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.calendar.renew.mutate({ clubId: w.clubId, scope: 'club' }),
  },
  'calendar.revoke': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.calendar.revoke.mutate({ clubId: w.clubId, scope: 'mine' }),
  },
  // Family: any member of the club makes a link code or links someone (docs/protocol.md, "Family").
  'family.linkCode': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.family.linkCode.mutate({ clubId: w.clubId }),
  },
  'family.link': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.family.link.mutate({ clubId: w.clubId, code: 'AAAAA-AAAAA' }),
  },
  // History: any member of the club reads their own rows (whose rows: history.test.ts).
  'history.attendance': {
    allowed: ['member', 'host', 'owner'],
    call: (c, w) => c.api.history.attendance.query({ clubId: w.clubId }),
  },
  'history.creditLog': {
    allowed: ['member', 'host', 'owner'],
    // A made-up pass: past authorization it is `not_found`.
    call: (c, w) => c.api.history.creditLog.query({ clubId: w.clubId, passId: randomUUID() }),
  },
  'members.remove': {
    allowed: ['owner'],
    call: (c, w) => c.api.members.remove.mutate({ clubId: w.clubId, memberId: randomUUID() }),
  },
  // Web push is the person's, not a club's: anyone logged in.
  'push.publicKey': { allowed: signedIn, call: (c) => c.api.push.publicKey.query() },
  'push.subscribe': {
    allowed: signedIn,
    call: (c) =>
      c.api.push.subscribe.mutate({
        endpoint: `https://push.example.net/send/${randomUUID()}`,
        keys: {
          p256dh:
            'BAouQPC-IuLgDwV0ueqlR0ZjKMnmx40-ZLiNMCHNdgQHvjIen_IdhEuCZe4Z3JfaLKLhOtOGt4m9pMx7SOWd0vI',
          auth: 'AAAAAAAAAAAAAAAAAAAAAA',
        },
      }),
  },
  'push.unsubscribe': {
    allowed: signedIn,
    call: (c) => c.api.push.unsubscribe.mutate({ endpoint: 'https://push.example.net/send/x' }),
  },
  'push.status': {
    allowed: signedIn,
    call: (c) => c.api.push.status.query({ endpoint: 'https://push.example.net/send/x' }),
  },
  // Notification choices are the person's own: anyone logged in.
  'notify.choices': { allowed: signedIn, call: (c) => c.api.notify.choices.query() },
  'notify.setChoices': {
    allowed: signedIn,
    call: (c) =>
      c.api.notify.setChoices.mutate({
        choices: { spot_open: { in_app: true, email: false, push: false } },
      }),
  },
};

/** Opens `sync.changes` over SSE and settles with its first event or its refusal. */
function firstEvent(client: TestClient, clubId: string): Promise<unknown> {
  const sse = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${server.localUrl}/trpc`,
        EventSource,
        eventSourceOptions: { fetch: (input, init) => client.fetch(input, init) },
      }),
    ],
  });
  return new Promise((resolve, reject) => {
    const sub = sse.sync.changes.subscribe(
      { clubId },
      {
        onData(event) {
          sub.unsubscribe();
          resolve(event);
        },
        onError(error) {
          sub.unsubscribe();
          reject(error);
        },
      },
    );
  });
}

const authorizationCodes: ErrorCode[] = ['unauthenticated', 'not_permitted'];

/** A refusal that arrived as a push result rather than an HTTP error. */
class ResultRefusal extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

async function outcome(call: Promise<unknown>): Promise<ErrorCode | undefined> {
  try {
    return await errorCodeOf(call);
  } catch (error) {
    if (error instanceof ResultRefusal) return error.code;
    throw error;
  }
}

let server: TestServer;
let world: World;
const clients = {} as Record<Actor, () => Promise<TestClient>>;

beforeAll(async () => {
  server = await startTestServer();
  const club = await setUpClub(server);
  await addMember(server, club, 'member', 'member@example.org');
  await addMember(server, club, 'host', 'host@example.org');
  const hostInvite = await club.owner.api.invites.create.mutate({
    clubId: club.clubId,
    role: 'host',
  });
  world = { clubId: club.clubId, hostInviteCode: hostInvite.code };

  // The owner of another club on the same server.
  await setUpAnotherClub(server, 'Other Club', { name: 'Other', email: 'other@example.org' });

  // A fresh login per call, so a logout in one cell can't affect another.
  const loginAs = (email: string) => async () => {
    const client = server.client();
    await client.api.auth.login.mutate({ email, password: PASSWORD });
    return client;
  };
  clients.anonymous = async () => server.client();
  clients.member = loginAs('member@example.org');
  clients.host = loginAs('host@example.org');
  clients.owner = loginAs('owner@example.org');
  clients.otherOwner = loginAs('other@example.org');
});

afterAll(async () => {
  await server.close();
});

describe('authorization matrix', () => {
  it('covers every procedure of the API', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(matrix).sort()).toEqual(procedures);
  });

  for (const [path, { allowed, call }] of Object.entries(matrix)) {
    for (const actor of actors) {
      const expected = allowed.includes(actor) ? 'allowed' : 'denied';
      it(`${path} is ${expected} for ${actor}`, async () => {
        const code = await outcome(call(await clients[actor](), world));
        if (expected === 'allowed') {
          expect(authorizationCodes).not.toContain(code);
        } else {
          expect(code).toBe(actor === 'anonymous' ? 'unauthenticated' : 'not_permitted');
        }
      });
    }
  }
});
