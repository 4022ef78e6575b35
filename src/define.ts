// Registers every linkflow element, guarded so a second copy on the page warns instead of throwing.
export * from './index.js';
