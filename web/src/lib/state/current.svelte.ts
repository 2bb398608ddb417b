import type { MyClub } from '$lib/api';
import { listenForChanges, trpcTransport } from '$lib/sync/transport';
import { ClubStore } from './club.svelte';

/**
 * The club store of the club the app is showing. Switching clubs closes the
 * old store (its outbox stays on the device and syncs when that club is
 * shown again) and opens the new one.
 */
class CurrentClub {
  store = $state<ClubStore | null>(null);

  /** Shows `club`; the same seat keeps its open store. */
  show(club: MyClub | null): void {
    const open = this.store;
    if (
      open &&
      club &&
      open.clubId === club.clubId &&
      open.seat.memberId === club.memberId &&
      open.seat.role === club.role
    ) {
      return;
    }
    open?.close();
    this.store = null;
    if (!club) return;
    const store = new ClubStore(
      { clubId: club.clubId, memberId: club.memberId, role: club.role },
      { transport: trpcTransport, listen: listenForChanges },
    );
    this.store = store;
    void store.open();
  }
}

export const current = new CurrentClub();
