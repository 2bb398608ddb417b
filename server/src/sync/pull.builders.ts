/**
 * Kept only while benches still being written (server/bench/history-club.ts,
 * old-history.ts, load-club.ts) import it; delete it once they import the
 * shared factories (`@turnout/shared/testing`) and `writeChange` from
 * `../test/builders.js`. No shape is built here: ids are the server's (v7)
 * and the text the pull bench has always carried ('Studio A', 'Front desk')
 * stays, so its byte figures do not move.
 */
import type {
  Attendance,
  NewCreditLogEntry,
  Pass,
  Session,
  Signup,
  Template,
} from '@turnout/shared';
import * as factories from '@turnout/shared/testing';
import { newId } from '../ids.js';

export { writeChange } from '../test/builders.js';

export const aSession = (over: Partial<Session> = {}): Session =>
  factories.aSession({ id: newId(), location: 'Studio A', capacity: 20, ...over });

export const aTemplate = (over: Partial<Template> = {}): Template =>
  factories.aTemplate({ id: newId(), ...over });

export const aSignup = (over: Partial<Signup>): Signup =>
  factories.aSignup({ id: newId(), ...over });

export const anAttendance = (over: Partial<Attendance>): Attendance =>
  factories.anAttendance({ id: newId(), deviceLabel: 'Front desk', ...over });

export const aGrant = (
  template: Template,
  memberId: string,
  at: string,
  byMemberId: string,
): { pass: Pass; entry: NewCreditLogEntry } =>
  factories.aGrant(template, { memberId, at, byMemberId, passId: newId() });
