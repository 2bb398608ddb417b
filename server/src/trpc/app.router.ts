import { router } from './init.js';
import { accountRouter } from './routers/account.router.js';
import { authRouter } from './routers/auth.router.js';
import { calendarRouter } from './routers/calendar.router.js';
import { clubsRouter } from './routers/clubs.router.js';
import { doorRouter } from './routers/door.router.js';
import { familyRouter } from './routers/family.router.js';
import { invitesRouter } from './routers/invites.router.js';
import { membersRouter } from './routers/members.router.js';
import { reportsRouter } from './routers/reports.router.js';
import { setupRouter } from './routers/setup.router.js';
import { syncRouter } from './routers/sync.router.js';
import { pushRouter } from './routers/push.router.js';
import { notifyRouter } from './routers/notify.router.js';
import { historyRouter } from './routers/history.router.js';

/** One router per feature, merged here. */
export const appRouter = router({
  account: accountRouter,
  setup: setupRouter,
  auth: authRouter,
  invites: invitesRouter,
  members: membersRouter,
  clubs: clubsRouter,
  sync: syncRouter,
  door: doorRouter,
  family: familyRouter,
  reports: reportsRouter,
  calendar: calendarRouter,
  push: pushRouter,
  notify: notifyRouter,
  history: historyRouter,
});

export type AppRouter = typeof appRouter;
