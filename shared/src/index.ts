export * from './roles.js';
export * from './settings.js';
export * from './protocol/errors.js';
export * from './protocol/accounts.js';
export * from './protocol/mutations.js';
export * from './protocol/sync.js';
export * from './time/index.js';
export * from './rules/index.js';
