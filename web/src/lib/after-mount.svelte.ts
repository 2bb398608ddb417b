import { onMount } from 'svelte';
import { yieldToBrowser } from './tasks';

/**
 * A flag that turns true one task after the component mounts: for what a screen draws
 * second, so that opening it is not one long task (Lighthouse's Total Blocking Time).
 * Create it while the component initialises.
 */
export class AfterMount {
  done = $state(false);

  constructor() {
    onMount(() => {
      let mounted = true;
      void yieldToBrowser().then(() => {
        if (mounted) this.done = true;
      });
      return () => {
        mounted = false;
      };
    });
  }
}
