import { defaultChoices } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setChoice } from '../notify/preferences.js';
import {
  addMember,
  errorCodeOf,
  setUpClub,
  startTestServer,
  type ClubFixture,
  type TestServer,
} from '../test/harness.js';

let server: TestServer;
let club: ClubFixture;

beforeAll(async () => {
  server = await startTestServer();
  club = await setUpClub(server);
});
afterAll(async () => {
  await server.close();
});

describe('notify.choices and notify.setChoices', () => {
  it('start from the defaults and say when this server sends no mail', async () => {
    const { client } = await addMember(server, club, 'member', 'defaults@example.org');
    expect(await client.api.notify.choices.query()).toEqual({
      choices: defaultChoices,
      mailConfigured: false,
    });
  });

  it('change only the kinds named, for the person only', async () => {
    const anna = await addMember(server, club, 'member', 'anna@example.org');
    const bert = await addMember(server, club, 'member', 'bert@example.org');
    const answer = await anna.client.api.notify.setChoices.mutate({
      choices: {
        promoted: { in_app: true, email: false, push: false },
        session_reminder: { in_app: false, email: true, push: true },
      },
    });
    expect(answer.choices).toEqual({
      ...defaultChoices,
      promoted: { in_app: true, email: false, push: false },
      session_reminder: { in_app: false, email: true, push: true },
    });
    expect(await anna.client.api.notify.choices.query()).toEqual(answer);
    expect((await bert.client.api.notify.choices.query()).choices).toEqual(defaultChoices);

    // The mail's unsubscribe link turns one channel off and keeps the rest.
    const annaUser = await server.deps.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'anna@example.org')
      .executeTakeFirstOrThrow();
    await setChoice(server.deps.db, annaUser.id, 'session_reminder', 'email', false);
    expect((await anna.client.api.notify.choices.query()).choices.session_reminder).toEqual({
      in_app: false,
      email: false,
      push: true,
    });
  });

  it('refuse kinds it does not know and choices that are not whole', async () => {
    const { client } = await addMember(server, club, 'member', 'careless@example.org');
    const set = client.api.notify.setChoices.mutate as (input: unknown) => Promise<unknown>;
    expect(
      await errorCodeOf(set({ choices: { birthday: { in_app: true, email: true, push: true } } })),
    ).toBe('invalid_args');
    expect(await errorCodeOf(set({ choices: { promoted: { email: false } } }))).toBe(
      'invalid_args',
    );
    expect(
      await errorCodeOf(set({ choices: { promoted: { in_app: 'yes', email: true, push: true } } })),
    ).toBe('invalid_args');
    expect((await client.api.notify.choices.query()).choices).toEqual(defaultChoices);
  });
});
