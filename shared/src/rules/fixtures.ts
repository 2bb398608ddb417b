/**
 * Kept only for shared/src/judge/judge.test.ts, which is being rewritten with
 * the synchronous judge (issue 11): the factories live in
 * `shared/src/testing` (`@turnout/shared/testing`). Delete this file once that
 * test imports from '../testing/index.js'.
 */
export {
  HOST,
  MEMBER,
  anAttendance as attendance,
  aContext as ctx,
  aPass as pass,
  aSession as session,
  expectApplied,
  expectRefused,
  uuid,
} from '../testing/index.js';
