// The web app imports only types from the server.
export type { AppRouter } from './trpc/app.router.js';
export type { Me } from './services/accounts.service.js';
export type { CreatedInvite } from './services/invites.service.js';
