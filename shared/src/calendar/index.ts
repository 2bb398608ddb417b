export * from './ics.js';
export * from './words.js';
