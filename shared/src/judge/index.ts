export * from './facts.js';
export * from './judge.js';
