// The public API: classes, types, adapters and events. Registers nothing.
export * from './model/index.js';
export type * from './adapter/adapter.js';
