import type { ServerResponse } from 'node:http';
import type { ErrorData } from '@turnout/shared';

/**
 * Answers an API call before tRPC sees it, in the envelope of a tRPC error
 * (`{ error: { code, message, data } }`, JSON-RPC code), so the app's tRPC
 * client reads the stable code, the message and any `retryAfterSeconds` as
 * from any other refusal. Sets `Retry-After` when the data says when.
 */
export function refuseCall(
  res: ServerResponse,
  jsonRpcCode: number,
  message: string,
  data: ErrorData,
): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  };
  if (data.retryAfterSeconds !== undefined) headers['retry-after'] = String(data.retryAfterSeconds);
  res.writeHead(data.httpStatus, headers);
  res.end(JSON.stringify({ error: { code: jsonRpcCode, message, data } }));
}
