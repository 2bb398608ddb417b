import type { Poke } from '@turnout/shared';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { PullOutput, PushOutput, PushResult } from '@turnout/shared';
import { EventSource } from 'eventsource';
import { v7 } from 'uuid';
import type { AppRouter } from '../src/trpc/app.router.js';
import type { Account } from './load-club.js';
import type { CallKind, PhaseStats } from './load-stats.js';

/** A request unanswered after this long is a failure (and is abandoned). */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface Mutation {
  id: string;
  clientId: string;
  seq: number;
  name: string;
  args: Record<string, unknown>;
  occurredAt: string;
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  encoding: string | undefined;
  raw: Buffer;
  ms: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One phone or front-desk tablet, as the server sees it: its own login, its
 * own client id and keep-alive connection, sending tRPC calls as the app
 * does (JSON, the login cookie, Origin on writes, brotli/gzip accepted) and
 * following the protocol: a pull goes on with the cursor until hasMore is
 * false, and a 429/503 with Retry-After is retried after that wait (plus up
 * to 10 %, as the app spreads its retries). Everything it sees goes into
 * `stats`, which the bench swaps per phase.
 */
export class LoadDevice {
  readonly clientId = randomUUID();
  stats: PhaseStats;
  /** performance.now() after which a wait for Retry-After is given up (the phase is over). */
  deadline = Number.POSITIVE_INFINITY;
  cursor: string | undefined;
  #seq = 0;
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  #stream: { unsubscribe(): void } | undefined;

  constructor(
    readonly url: string,
    readonly clubId: string,
    readonly account: Account,
    readonly label: string,
    stats: PhaseStats,
  ) {
    this.stats = stats;
  }

  mutation(name: string, args: Record<string, unknown>): Mutation {
    return {
      id: v7(),
      clientId: this.clientId,
      seq: this.#seq++,
      name,
      args,
      occurredAt: new Date().toISOString(),
    };
  }

  /** Sends a batch; its results, or undefined when it went unanswered (counted). */
  async push(mutations: Mutation[]): Promise<PushResult[] | undefined> {
    const started = performance.now();
    const body = JSON.stringify({
      clubId: this.clubId,
      clientId: this.clientId,
      deviceLabel: this.label,
      mutations,
    });
    const out = await this.#call<PushOutput>('push', 'POST', '/trpc/sync.push', body);
    if (!out) return undefined;
    this.stats.pushDone.push(performance.now() - started);
    for (const result of out.results) {
      if (result.status !== 'applied') {
        const name = mutations.find((m) => m.id === result.id)?.name ?? '?';
        this.stats.refused(name, result.code ?? '?');
      }
    }
    return out.results;
  }

  /** Pulls until up to date; false when a page went unanswered (the cursor stays where it got). */
  async pullAll(): Promise<boolean> {
    const started = performance.now();
    for (;;) {
      // Bounded: a device still paging long after its phase ended stops (not counted).
      if (performance.now() > this.deadline + REQUEST_TIMEOUT_MS) return false;
      const input = encodeURIComponent(
        JSON.stringify({ clubId: this.clubId, cursor: this.cursor }),
      );
      const out = await this.#call<PullOutput>('pull', 'GET', `/trpc/sync.pull?input=${input}`);
      if (!out) return false;
      this.cursor = out.cursor;
      if (!out.hasMore) break;
    }
    this.stats.pullCycle.push(performance.now() - started);
    return true;
  }

  /**
   * Listens for pokes on `sync.changes` (tRPC over SSE with the `eventsource`
   * package, as the app's link does); resolves once the stream has said the
   * current version, or after 15 s.
   */
  listen(onPoke: (poke: Poke) => void): Promise<void> {
    const cookie = this.account.cookie;
    const client = createTRPCClient<AppRouter>({
      links: [
        httpSubscriptionLink({
          url: `${this.url}/trpc`,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) => {
              const headers = new Headers(init?.headers);
              headers.set('cookie', cookie);
              return fetch(input, { ...init, headers });
            },
          },
        }),
      ],
    });
    return new Promise<void>((resolve) => {
      const giveUp = setTimeout(resolve, 15_000);
      this.#stream = client.sync.changes.subscribe(
        { clubId: this.clubId },
        {
          onData: (event) => {
            clearTimeout(giveUp);
            resolve();
            this.stats.pokes++;
            onPoke(event.data);
          },
          onError: (error) => {
            this.stats.streamErrors++;
            this.stats.fail('stream', error.message.slice(0, 60));
          },
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error) {
              this.stats.streamErrors++;
              this.stats.fail('stream', `reconnect: ${state.error.message.slice(0, 60)}`);
            }
          },
        },
      );
    });
  }

  close(): void {
    this.#stream?.unsubscribe();
    this.#agent.destroy();
  }

  async #call<T>(kind: CallKind, method: string, path: string, body?: string) {
    let resent = false;
    for (;;) {
      let answer: Answer;
      try {
        answer = await this.#request(method, path, body);
      } catch (error) {
        const e = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
        // The server closed an idle keep-alive connection just as it was reused: a browser
        // sends the request again on a new connection, once, and so does the device.
        if (e.reusedSocket && e.code === 'ECONNRESET' && !resent) {
          resent = true;
          this.stats.resent++;
          continue;
        }
        this.stats.fail(kind, e.code ?? e.message);
        return undefined;
      }
      if (answer.status === 200) {
        this.stats.latency[kind].push(answer.ms);
        return (parse(answer) as { result: { data: T } }).result.data;
      }
      const seconds = Number(answer.retryAfter);
      if ((answer.status === 429 || answer.status === 503) && answer.retryAfter && seconds >= 0) {
        this.stats.turnedAway(answer.status);
        const wait = seconds * 1000 + Math.random() * Math.min(seconds * 100, 5_000);
        if (performance.now() + wait > this.deadline) {
          this.stats.leftWaiting++;
          return undefined;
        }
        await sleep(wait);
        continue;
      }
      this.stats.fail(kind, `HTTP ${answer.status} ${errorCode(answer)}`);
      return undefined;
    }
  }

  #request(method: string, path: string, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const headers: http.OutgoingHttpHeaders = {
        cookie: this.account.cookie,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
        headers.origin = this.url;
      }
      const req = http.request(`${this.url}${path}`, { method, agent: this.#agent, headers });
      const timer = setTimeout(() => req.destroy(new Error('timeout')), REQUEST_TIMEOUT_MS);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            encoding: res.headers['content-encoding'],
            raw: Buffer.concat(chunks),
            ms: performance.now() - started,
          });
        });
        res.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(Object.assign(error, { reusedSocket: req.reusedSocket }));
      });
      req.end(body);
    });
  }
}

function parse(answer: Answer): unknown {
  const body =
    answer.encoding === 'br'
      ? zlib.brotliDecompressSync(answer.raw)
      : answer.encoding === 'gzip'
        ? zlib.gunzipSync(answer.raw)
        : answer.raw;
  return JSON.parse(body.toString());
}

function errorCode(answer: Answer): string {
  try {
    const json = parse(answer) as { error?: { data?: { code?: string } } };
    return json.error?.data?.code ?? '?';
  } catch {
    return '?';
  }
}
