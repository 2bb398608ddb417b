/**
 * Test factories for the domain's shapes: `aSession({ capacity: 3 })`,
 * `aPass({ balance: 2 })`, `aContext({ role: 'host' })`. One definition of
 * each shape's defaults for the tests of shared, server and web, the demo
 * seed and the benches. Test-only: the package's main entry does not export
 * it, and production code must not import `@turnout/shared/testing`.
 *
 * Defaults tell one story: club `CLUB` in Berlin, 'Tuesday Yoga' on
 * Tue 2025-03-11 18:00–19:00 (START–END), judged at NOW (an hour before),
 * MEMBER holding a 10-class pass granted 1 March. Ids come from `uuid()`, the
 * same sequence on every run.
 */
export * from './ids.js';
export * from './club.js';
export * from './sessions.js';
export * from './passes.js';
export * from './attention.js';
export * from './decisions.js';
export * from './door.js';
