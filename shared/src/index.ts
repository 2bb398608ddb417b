export * from './roles.js';
export * from './settings.js';
export * from './protocol/errors.js';
export * from './protocol/accounts.js';
