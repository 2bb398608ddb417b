import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Db } from '../db/connection.js';
import { announceHere, publishChanges, type PokeScope } from './changes.js';
import { committedCounts } from './committed-counts.js';

/** PostgreSQL's channel for "a club changed", shared by every app server on the database. */
const CHANNEL = 'turnout_club_changed';
/** NOTIFY's payload limit is 8,000 bytes: a larger scope is sent as "everyone pulls". */
const maxPayload = 7_500;

interface Message {
  /** The server that made the change (it has announced it already). */
  from: string;
  clubId: string;
  version: number;
  /** Whom it concerns; absent: every device pulls. */
  members?: string[];
  sessions?: string[];
}

export interface ClubBus {
  close(): Promise<void>;
}

/**
 * Pokes across app servers (issue 17): each change this server announces is
 * also sent with NOTIFY after its commit, and the changes other servers send
 * are announced to this server's listening devices, coalesced and scoped as
 * its own (changes.ts), with counts read from committed data here. A server
 * that loses its listening connection reconnects; pokes sent meanwhile are
 * lost, which devices survive (they also pull on their own schedule).
 */
export async function startClubBus(db: Db, url: string, logger: Logger): Promise<ClubBus> {
  const self = randomUUID();
  let closed = false;
  let client: pg.Client | undefined;

  const listen = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: 'turnout-bus' });
    c.on('notification', (note) => {
      if (note.channel !== CHANNEL || !note.payload) return;
      let message: Message;
      try {
        message = JSON.parse(note.payload) as Message;
      } catch {
        return;
      }
      if (message.from === self) return;
      const scope: PokeScope | null = message.members
        ? { members: new Set(message.members), sessions: new Set(message.sessions ?? []) }
        : null;
      announceHere(message.clubId, message.version, { scope, counts: committedCounts(db) });
    });
    c.on('error', (err) => {
      logger.warn({ err }, 'lost the connection that hears other servers’ changes; reconnecting');
      c.end().catch(() => {});
      if (client === c) client = undefined;
      if (!closed) setTimeout(() => void listen().catch(() => {}), 1_000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  await listen();

  const stopPublishing = publishChanges((clubId, version, scope) => {
    const message: Message = { from: self, clubId, version };
    if (scope) {
      message.members = [...scope.members];
      message.sessions = [...scope.sessions];
    }
    let payload = JSON.stringify(message);
    if (payload.length > maxPayload) payload = JSON.stringify({ from: self, clubId, version });
    client?.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((err: unknown) => {
      logger.warn({ err, clubId }, 'could not tell other servers of a change');
    });
  });

  return {
    async close() {
      closed = true;
      stopPublishing();
      await client?.end().catch(() => {});
    },
  };
}
