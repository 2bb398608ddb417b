export { compressPoint, fromBase64Url, toBase64Url } from './bytes.js';
export * from './layout.js';
export * from './verify.js';
