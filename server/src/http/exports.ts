import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  clubInput,
  exportRangeInput,
  roleAtLeast,
  type ErrorCode,
  type ErrorData,
} from '@turnout/shared';
import type { z } from 'zod';
import { readSessionCookie, setSessionCookie } from '../auth/cookies.js';
import { describeRequest, originAllowed } from '../auth/request.js';
import { AppFailure, fail, fieldIssue, type ZodLikeIssue } from '../errors.js';
import type { ExportKind } from '../exports/job.js';
import { ExportFailed, ExportSlots, startExport } from '../exports/runner.js';
import { findActiveMembership } from '../repositories/memberships.repository.js';
import { resolveLogin } from '../services/accounts.service.js';
import type { ServiceDeps } from '../services/deps.js';
import { planExport, type PlannedExport } from '../services/reports.export.service.js';

/**
 * The owner's downloads as plain HTTP GETs, streamed:
 * `/exports/attendance.csv?clubId&from&to`, `/exports/credit-log.csv?clubId&from&to`,
 * `/exports/club.json?clubId`. Same login cookie, origin check and role check
 * as the API (`clubProcedure('owner')`); refusals are JSON `{ code, message }`
 * with the matching status. The file itself is written by a worker thread
 * (src/exports/) and sent as it is made, so neither its size nor the time it
 * takes holds the server (docs/decisions.md, "Exports are streamed downloads").
 */

const files: Record<string, ExportKind> = {
  '/exports/attendance.csv': 'attendance',
  '/exports/credit-log.csv': 'creditLog',
  '/exports/club.json': 'club',
};

/** Exports running at once per server; a third request is answered `busy`. */
const exportsAtOnce = 2;
/** What a `busy` answer tells the client to wait, in seconds. */
const busyRetrySeconds = 10;

const statuses: Partial<Record<ErrorCode, number>> = {
  unauthenticated: 401,
  not_permitted: 403,
  bad_origin: 403,
  invalid_args: 400,
  not_found: 404,
  busy: 503,
};

/** A refusal as the API gives it: `{ code, message }` (and `issues`, `retryAfterSeconds`). */
function refuse(
  res: ServerResponse,
  failure: AppFailure,
  issues?: ErrorData['issues'],
  status = statuses[failure.code] ?? 500,
): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  };
  const body: Record<string, unknown> = { code: failure.code, message: failure.message };
  if (issues) body.issues = issues;
  if (failure.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(failure.retryAfterSeconds);
    body.retryAfterSeconds = failure.retryAfterSeconds;
  }
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

/** Validates query parameters, failing with the field problems as the API gives them. */
function parse<T extends z.ZodType>(schema: T, params: Record<string, string>): z.output<T> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  throw new InvalidArgs(
    result.error.issues.map((issue) => fieldIssue(issue as unknown as ZodLikeIssue)),
  );
}

class InvalidArgs extends AppFailure {
  constructor(readonly issues: NonNullable<ErrorData['issues']>) {
    super('invalid_args');
  }
}

/** Whether the client takes a gzipped body (an explicit `gzip`, else `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  return (weights.get('gzip') ?? weights.get('*') ?? 0) > 0;
}

/** The request handler for `/exports/…`, with this server's export slots. */
export function exportDownloads(
  deps: ServiceDeps,
  slots = new ExportSlots(exportsAtOnce),
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    download(deps, slots, req, res).catch((error: unknown) => {
      if (error instanceof AppFailure) {
        refuse(res, error, error instanceof InvalidArgs ? error.issues : undefined);
        return;
      }
      deps.logger.error({ err: error, path: req.url }, 'export failed');
      if (!res.headersSent) refuse(res, new AppFailure('internal'));
      else res.destroy();
    });
  };
}

async function download(
  deps: ServiceDeps,
  slots: ExportSlots,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://turnout.invalid');
  const kind = files[url.pathname];
  if (!kind) fail('not_found');
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    refuse(res, new AppFailure('invalid_args', 'Exports are downloaded with GET.'), undefined, 405);
    return;
  }
  const request = describeRequest(req, deps.config);
  // Another site's page must not make an owner's browser run exports.
  if (!originAllowed(request, deps.config)) fail('bad_origin');

  const token = readSessionCookie(req);
  const login = token ? await resolveLogin(deps, token) : undefined;
  if (!login) fail('unauthenticated');
  if (login.renewedUntil) setSessionCookie(res, token!, login.renewedUntil, request.secure);

  // The order of the API's checks: the club id, then the role, then the range.
  const params = Object.fromEntries(url.searchParams);
  const { clubId } = parse(clubInput, params);
  const membership = await findActiveMembership(deps.db, clubId, login.user.userId);
  if (!membership || !roleAtLeast(membership.role, 'owner')) fail('not_permitted');
  const range = kind === 'club' ? undefined : parse(exportRangeInput, params);
  const actor = {
    userId: login.user.userId,
    clubId,
    memberId: membership.id,
    role: membership.role,
  };
  const planned = await planExport(deps, actor, kind, range);

  const release = slots.take();
  if (!release) {
    fail(
      'busy',
      'Other exports are being prepared on the server. Please try again in a minute.',
      busyRetrySeconds,
    );
  }
  try {
    await send(deps, res, planned, acceptsGzip(req.headers['accept-encoding']));
  } finally {
    release();
  }
}

/** Runs the export in a worker and streams it out; resolves once the worker has stopped. */
async function send(
  deps: ServiceDeps,
  res: ServerResponse,
  planned: PlannedExport,
  gzip: boolean,
): Promise<void> {
  const running = await startExport(
    { ...planned.job, gzip },
    {
      begin() {
        const headers: Record<string, string> = {
          'content-type': planned.contentType,
          'content-disposition': `attachment; filename="${planned.filename}"`,
          'cache-control': 'no-store',
          vary: 'accept-encoding',
        };
        if (gzip) headers['content-encoding'] = 'gzip';
        res.writeHead(200, headers);
      },
      write: (bytes) => res.write(bytes),
      onDrain: (resume) => res.once('drain', resume),
      end: () => res.end(),
    },
  );
  // The client went away (closed the tab, aborted the fetch): stop reading.
  if (res.destroyed) running.cancel();
  res.on('close', () => {
    if (!res.writableFinished) running.cancel();
  });
  try {
    await running.finished;
  } catch (error) {
    if (!(error instanceof ExportFailed)) throw error;
    if (res.destroyed) return; // cancelled by the client: nothing to answer
    deps.logger.error({ err: error, kind: planned.job.kind }, 'export failed');
    // A file cut short must not look whole: without headers, say so; else break the connection.
    if (!error.begun && !res.headersSent) refuse(res, new AppFailure('internal'));
    else res.destroy();
  }
}
