import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimits } from '../auth/rate-limit.js';
import type { RequestInfo } from '../auth/request.js';
import type { AuthUser } from '../services/accounts.service.js';
import type { ServiceDeps } from '../services/deps.js';

export interface Context extends ServiceDeps {
  request: RequestInfo;
  rateLimits: RateLimits;
  /** The logged-in account, if the request carried a valid login cookie. */
  user: AuthUser | undefined;
  /** Present over HTTP; procedures use it to set or clear the login cookie. */
  res: ServerResponse | undefined;
  req: IncomingMessage | undefined;
}
