import { deliverDue, type DeliveryDeps } from './deliver.js';
import { makeDueReminders } from './reminders.js';

export interface NotifyLoopOptions {
  /** Between two passes. */
  intervalMs?: number;
}

export interface NotifyLoop {
  /** Runs a pass now (after the one running, if any); resolves when it is done. */
  runNow(): Promise<void>;
  /** Stops the loop; resolves once a pass in progress has finished. */
  stop(): Promise<void>;
}

/**
 * The notification loop of one app server: each pass makes the reminders
 * that are due, then delivers a bounded number of undelivered notifications
 * (theirs and the rules'). Passes never overlap within a process; across
 * processes the claims and the reminders' unique keys keep it once.
 */
export function startNotifyLoop(deps: DeliveryDeps, options: NotifyLoopOptions = {}): NotifyLoop {
  const intervalMs = options.intervalMs ?? 15_000;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const pass = async () => {
    try {
      const made = await makeDueReminders(deps);
      if (made > 0) deps.logger.info({ made }, 'reminders made');
    } catch (err) {
      deps.logger.error({ err }, 'could not make reminders');
    }
    try {
      await deliverDue(deps);
    } catch (err) {
      deps.logger.error({ err }, 'could not deliver notifications');
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runNow().finally(schedule);
    }, intervalMs);
    timer.unref();
  };

  const runNow = () => {
    running = running.then(() => (stopped ? undefined : pass()));
    return running;
  };

  void runNow().finally(schedule);

  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
