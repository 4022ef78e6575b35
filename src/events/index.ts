// One Event subclass per event (of LfEvent), each declared in GlobalEventHandlersEventMap.
export * from './event.js';
export * from './select.js';
export * from './link-start.js';
export * from './linked.js';
export * from './error.js';
export * from './cancel.js';
export * from './state-change.js';
export * from './retry.js';
export * from './reconnect.js';
export * from './unlink.js';
export * from './remove.js';
export * from './popup-blocked.js';
export * from './dismiss.js';
