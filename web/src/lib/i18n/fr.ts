import type { Messages } from './en';
import messages from './messages/fr.json';

/** French: `messages/fr.json`, with exactly the keys of English (tu-form, like the German du-form). */
export const fr: Messages = messages;
