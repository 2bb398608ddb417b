export * from './replica.js';
export * from './table.js';
export * from './facts.js';
export * from './effects.js';
export * from './overlay.js';
