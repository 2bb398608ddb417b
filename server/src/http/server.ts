import http from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { readSessionCookie, setSessionCookie } from '../auth/cookies.js';
import type { RateLimits } from '../auth/rate-limit.js';
import { describeRequest } from '../auth/request.js';
import { resolveLogin } from '../services/accounts.service.js';
import type { ServiceDeps } from '../services/deps.js';
import { appRouter } from '../trpc/app.router.js';
import type { Context } from '../trpc/context.js';
import { refuseBatchedCalls } from './batching.js';
import { calendarFeeds } from './calendar.js';
import { databaseAnswers } from '../repositories/health.repository.js';
import { compressResponse } from './compress.js';
import { pullDirect } from './pull-direct.js';
import { exportDownloads } from './exports.js';
import { Overload } from './overload.js';
import { apiContentSecurityPolicy, commonSecurityHeaders } from './security-headers.js';
import { staticWebApp } from './static.js';
import { unsubscribeLinks } from './unsubscribe.js';

/** One port: the API at /trpc, a health check at /healthz, the web app everywhere else. */
export function createHttpServer(deps: ServiceDeps, rateLimits: RateLimits): http.Server {
  /** What every API call runs with: who is logged in (renewing the login), and the services. */
  async function contextOf(req: http.IncomingMessage, res: http.ServerResponse): Promise<Context> {
    const request = describeRequest(req, deps.config);
    const token = readSessionCookie(req);
    const login = token ? await resolveLogin(deps, token) : undefined;
    if (login?.renewedUntil) setSessionCookie(res, token!, login.renewedUntil, request.secure);
    return { ...deps, request, rateLimits, user: login?.user, req, res };
  }

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // Without a cap a single request could hold megabytes in memory. 2 MB holds a full
    // push of 1,000 check-ins eight times over (docs/decisions.md, "Limits").
    maxBodySize: 2 * 1024 * 1024,
    // One call per request (see ./batching.ts, which refuses batches first).
    allowBatching: false,
    createContext: ({ req, res }) => contextOf(req, res),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        deps.logger.error({ err: error.cause ?? error, path }, 'request failed');
      }
    },
  });
  const web = staticWebApp(deps.config.webDir);
  const exportFiles = exportDownloads(deps);
  const calendarFiles = calendarFeeds(deps);
  const unsubscribe = unsubscribeLinks(deps);
  const securityHeaders = commonSecurityHeaders(deps.config);
  const overload = new Overload(deps.config.maxInFlight, deps.config.maxQueueWaitMs);

  return http.createServer((req, res) => {
    const started = performance.now();
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    // The strict policy unless the web app answers (it sets its own).
    res.setHeader('content-security-policy', apiContentSecurityPolicy);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    res.on('finish', () => {
      if (pathname === '/healthz') return;
      // A calendar feed's path is its secret (docs/self-hosting.md, "Calendar feeds behind a proxy").
      if (pathname.startsWith('/calendar/')) return;
      deps.logger.debug(
        {
          method: req.method,
          path: pathname,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });

    if (pathname === '/healthz') {
      databaseAnswers(deps.db)
        .then(() => {
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify({ ok: true }));
        })
        .catch((err: unknown) => {
          deps.logger.error({ err }, 'health check failed');
          res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify({ ok: false }));
        });
      return;
    }
    if (pathname.startsWith('/exports/')) {
      exportFiles(req, res);
      return;
    }
    if (pathname.startsWith('/calendar/')) {
      calendarFiles(req, res);
      return;
    }
    if (pathname.startsWith('/unsubscribe/')) {
      unsubscribe(req, res);
      return;
    }
    if (pathname === '/trpc' || pathname.startsWith('/trpc/')) {
      res.setHeader('cache-control', 'no-store');
      if (refuseBatchedCalls(req, res)) return;
      if (!overload.admit(req, res, pathname)) return;
      const viaTrpc = () => {
        compressResponse(req, res);
        trpc(req, res);
      };
      if (pathname === '/trpc/sync.pull') {
        pullDirect(req, res, () => contextOf(req, res)).then(
          (answered) => answered || viaTrpc(),
          (err: unknown) => {
            deps.logger.error({ err, path: pathname }, 'request failed');
            if (!res.headersSent) viaTrpc();
          },
        );
        return;
      }
      viaTrpc();
      return;
    }
    web(req, res);
  });
}
