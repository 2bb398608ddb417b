/**
 * "Now" for the screens, ticking every 15 s so "check-in open" and
 * "starts in" change by themselves. Corrected by nothing: it is what the
 * person sees; the outbox stamps mutations with the measured offset.
 */
class Clock {
  now = $state(Date.now());

  constructor() {
    if (typeof window !== 'undefined') setInterval(() => (this.now = Date.now()), 15_000);
  }
}

export const clock = new Clock();
