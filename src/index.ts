// The public API: element classes, types, adapters, the flow and events. Registers nothing:
// import 'linkflow/define.js' (or one element's lf-*.js) to register the tags.

// The model
export * from './model/index.js';

// Adapters and the shared store
export type * from './adapter/adapter.js';
export { createStore, storeFor } from './adapter/store.js';
export type { ConnectionStore, StoreOptions, StoreSnapshot, Unsubscribe } from './adapter/store.js';
export * from './adapter/memory.js';
export * from './adapter/codat.js';
export * from './adapter/unified.js';
export type { FetchLike, HeadersOption, HttpMethod } from './adapter/http.js';

// Vendor payload parsers (for a host's backend or tests)
export * from './wire/index.js';

// The flow
export { LinkFlow } from './flow/link-flow.js';
export type {
  LinkFlowEvent,
  LinkFlowOptions,
  LinkFlowSnapshot,
  LinkFlowSource,
  ResumeResult,
} from './flow/link-flow.js';
export { checkUrl, isSafeUrl, MAX_URL_LENGTH } from './flow/url-safety.js';
export type { UrlCheckOptions } from './flow/url-safety.js';
export { completePopupReturn } from './flow/window-strategy.js';
export type { PollSettings } from './flow/poller.js';

// Contexts
export * from './context/index.js';

// Events
export * from './events/index.js';

// Elements (classes only)
export { LfElement } from './elements/base/base-element.js';
export { defineElement } from './elements/base/define-element.js';
export { LfProvider } from './elements/provider/provider.js';
export { LfConnectionPicker } from './elements/connection-picker/connection-picker.js';
export { LfStatusIndicator } from './elements/status-indicator/status-indicator.js';
export { LfErrorPanel } from './elements/error-panel/error-panel.js';
export { LfLinkFlow } from './elements/link-flow/link-flow.js';
export { LfConnectionList } from './elements/connection-list/connection-list.js';

// Strings
export { registerLocale, SHIPPED_LOCALES } from './elements/shared/i18n.js';
export type { MessageKey, Messages, StringOverrides } from './elements/shared/i18n.js';
