import { tick } from 'svelte';
import { get } from 'svelte/store';
import type { MutationArgsInput, MutationName } from '@turnout/shared';
import { locale, t } from '$lib/i18n';
import type { ClubStore } from '$lib/state/club.svelte';
import { refusalMessage } from './manage';

/**
 * What an organizer's page says after a change: a polite notice when it was
 * applied on the device (and that it waits to sync when offline), or the
 * rules' refusal. One per page, read by its two live regions.
 */
export class ActOutcome {
  notice = $state('');
  problem = $state('');
  busy = $state(false);

  async clear(): Promise<void> {
    this.notice = '';
    this.problem = '';
    // Emptied first, so the same words said twice are announced twice.
    await tick();
  }

  say(notice: string): void {
    this.problem = '';
    this.notice = notice;
  }

  fail(problem: string): void {
    this.notice = '';
    this.problem = problem;
  }

  /** Does `name` through the device store; resolves true when it was applied. */
  async run<N extends MutationName>(
    store: ClubStore,
    name: N,
    args: MutationArgsInput<N>,
    done: () => string,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    await this.clear();
    const translate = get(t);
    try {
      const outcome = await store.act(name, args);
      if (!outcome.ok) {
        this.problem = refusalMessage(outcome, {
          t: translate,
          locale: get(locale),
          timeZone: store.view?.club?.settings.timezone,
        });
        return false;
      }
      const parts = [done()];
      if (!store.online) parts.push(translate('organizer.savedOffline'));
      this.notice = parts.join(' ');
      return true;
    } catch {
      this.problem = translate('organizer.notSaved');
      return false;
    } finally {
      this.busy = false;
    }
  }
}
