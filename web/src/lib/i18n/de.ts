import type { Messages } from './en';
import messages from './messages/de.json';

/** German: `messages/de.json`, with exactly the keys of English. */
export const de: Messages = messages;
