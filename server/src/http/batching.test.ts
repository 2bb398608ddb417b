import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { ErrorData } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  setUpClub,
  SETUP_TOKEN,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';
import type { AppRouter } from '../trpc/app.router.js';
import { batchRefusedMessage } from './batching.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const createClubInput = (email: string) => ({
  token: SETUP_TOKEN,
  club: { name: `Club of ${email}` },
  owner: { name: 'Owner', email, password: PASSWORD },
});

describe('batched calls', () => {
  let club: ClubFixture;

  it('refuses a batch of mutations without running any of them', async () => {
    const body = JSON.stringify({
      0: createClubInput('first@example.org'),
      1: createClubInput('second@example.org'),
    });
    const res = await fetch(`${server.localUrl}/trpc/setup.createClub,setup.createClub?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { message: string; data: ErrorData } };
    expect(answer.error.message).toBe(batchRefusedMessage);
    expect(answer.error.data).toEqual({ code: 'invalid_args', httpStatus: 400 });

    // Nothing ran: no club, and the one-time token is still unused.
    expect(await server.client().api.setup.status.query()).toEqual({ needsSetup: true });
    club = await setUpClub(server);
  });

  it('refuses 150 sync.pull calls in one GET, with a clear error', async () => {
    const paths = Array.from({ length: 150 }, () => 'sync.pull').join(',');
    const input = JSON.stringify(
      Object.fromEntries(Array.from({ length: 150 }, (_, i) => [i, { clubId: club.clubId }])),
    );
    const res = await club.owner.fetch(
      `${server.localUrl}/trpc/${paths}?batch=1&input=${encodeURIComponent(input)}`,
    );
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { message: string; data: ErrorData } };
    expect(answer.error.message).toBe(batchRefusedMessage);
    expect(answer.error.data.code).toBe('invalid_args');
    // One call per request is served as before.
    expect(await club.owner.api.sync.pull.query({ clubId: club.clubId })).toBeTruthy();
  });

  it("is refused even as a batch of one, and tRPC's batching client reads the refusal", async () => {
    const batching = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.localUrl}/trpc` })],
    });
    const error = await batching.setup.status.query().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCClientError);
    const refusal = error as TRPCClientError<AppRouter>;
    expect(refusal.message).toBe(batchRefusedMessage);
    expect(refusal.data?.code).toBe('invalid_args');
  });
});
