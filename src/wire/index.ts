export * from './shared.js';
export * from './codat.js';
export * from './unified.js';
