import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { setupLinkCommand } from './setup-link.js';
import { PASSWORD, startTestServer, testConfig, type TestServer } from './test/harness.js';

const logger = pino({ level: 'silent' });
const running: TestServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Opens a printed link the way the setup page does: creates a club with its token. */
async function useLink(server: TestServer, link: string, clubName: string, email: string) {
  return server.client().api.setup.createClub.mutate({
    token: new URL(link).searchParams.get('token')!,
    club: { name: clubName },
    owner: { name: 'Owner', email, password: PASSWORD },
  });
}

describe('turnout setup-link', () => {
  it('prints a link with TURNOUT_SETUP_TOKEN while it is unused, and the link works', async () => {
    const config = testConfig({
      setupToken: 'configured-token-123',
      publicUrl: 'https://club.example.org',
    });
    const output = await setupLinkCommand(config, logger);
    expect(output).toEqual({ link: 'https://club.example.org/setup?token=configured-token-123' });

    const server = await startTestServer({ config: { dataDir: config.dataDir } });
    running.push(server);
    const me = await useLink(server, output.link, 'First Club', 'first@example.org');
    expect(me.clubs.map((c) => c.clubName)).toEqual(['First Club']);
  });

  it('once TURNOUT_SETUP_TOKEN has created a club, says so and prints a link that works', async () => {
    const config = testConfig({ setupToken: 'configured-token-456' });
    const server = await startTestServer({ config: { dataDir: config.dataDir } });
    running.push(server);
    const first = await setupLinkCommand(config, logger);
    await useLink(server, first.link, 'First Club', 'first@example.org');

    const again = await setupLinkCommand(config, logger);
    expect(again.notice).toMatch(/TURNOUT_SETUP_TOKEN has already been used/);
    expect(again.notice).toContain('"First Club"');
    expect(again.link).toMatch(/^http:\/\/localhost:0\/setup\?token=/);
    expect(again.link).not.toContain('configured-token-456');
    const me = await useLink(server, again.link, 'Second Club', 'second@example.org');
    expect(me.clubs.map((c) => c.clubName)).toEqual(['Second Club']);

    // The fresh token is one-time too: the next run prints yet another.
    const third = await setupLinkCommand(config, logger);
    expect(third.notice).toContain('"First Club"');
    expect(third.link).not.toBe(again.link);
  });

  it('without TURNOUT_SETUP_TOKEN prints a new one-time link each time', async () => {
    const config = testConfig({ setupToken: undefined });
    const one = await setupLinkCommand(config, logger);
    const two = await setupLinkCommand(config, logger);
    expect(one.notice).toBeUndefined();
    expect(one.link).not.toBe(two.link);
  });
});
