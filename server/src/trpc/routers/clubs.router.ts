import { fail } from '../../errors.js';
import { getClub, settingsFromRow } from '../../repositories/clubs.repository.js';
import { clubProcedure, router } from '../init.js';

export const clubsRouter = router({
  get: clubProcedure('member').query(async ({ ctx }) => {
    const club = await getClub(ctx.db, ctx.actor.clubId);
    if (!club) fail('not_found');
    return { id: club.id, name: club.name, settings: settingsFromRow(club) };
  }),
});
