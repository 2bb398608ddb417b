import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseCall } from './trpc-refusal.js';

export const batchRefusedMessage =
  'This server takes one call per request: batched calls (?batch=1) are not accepted. Nothing was run.';

/**
 * tRPC would run every call a batched request names: 150 `sync.pull` in one
 * GET, each a full read, for the price of one request (and one rate-limit
 * check). Turnout's clients send one call per request, so a batch is refused
 * before any of it runs, with a message that says why — tRPC's own refusal
 * (`allowBatching: false`, kept as a second guard) would reach the client as
 * a bare `invalid_args`.
 *
 * Answers and returns true when the request was a batch.
 */
export function refuseBatchedCalls(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://turnout.invalid');
  // The same test tRPC makes to decide a request is a batch.
  if (url.searchParams.get('batch') !== '1') return false;
  // JSON-RPC code -32600: bad request.
  refuseCall(res, -32600, batchRefusedMessage, { code: 'invalid_args', httpStatus: 400 });
  return true;
}
