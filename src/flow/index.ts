// The link flow: the state machine, its window strategies, pending records, return URLs and URL safety.
export * from './url-safety.js';
export * from './state.js';
export * from './pending.js';
export * from './return-url.js';
export * from './poller.js';
export * from './window-strategy.js';
export * from './link-flow.js';
