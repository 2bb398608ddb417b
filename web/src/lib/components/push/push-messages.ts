import { toFailure } from '$lib/api';
import type { MessageKey } from '$lib/i18n';
import type { PushState } from './push-device';

/** What a state means for the person, in words. */
export function stateMessage(state: PushState): MessageKey {
  switch (state) {
    case 'unsupported':
      return 'push.unsupported';
    case 'insecure':
      return 'push.insecure';
    case 'no_worker':
      return 'push.noWorker';
    case 'denied':
      return 'push.denied';
    case 'on':
      return 'push.on';
    case 'off':
      return 'push.off';
  }
}

/** Why switching failed: the server not reached, or the browser's push service not answering. */
export function failureMessage(error: unknown): MessageKey {
  return toFailure(error).code === 'network' ? 'push.offline' : 'push.failed';
}
