import { TurnoutDb } from './database';

let instance: TurnoutDb | undefined;

/** The app's one device store (opened on first use, in the browser only). */
export function deviceDb(): TurnoutDb {
  instance ??= new TurnoutDb();
  return instance;
}
