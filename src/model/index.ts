export * from './link-error.js';
export * from './schemas.js';
export { parseOrThrow, issuesToDetails } from './parse.js';
