// What each tag takes from a host, as types only: its writable properties, the attributes it reads and
// the lf-* events it fires. The React JSX and Vue template typings are built from these maps.
import type { LfConnectionList } from '../connection-list/connection-list.js';
import type { LfConnectionPicker } from '../connection-picker/connection-picker.js';
import type { LfErrorPanel } from '../error-panel/error-panel.js';
import type { LfLinkFlow } from '../link-flow/link-flow.js';
import type { LfProvider } from '../provider/provider.js';
import type { LfStatusIndicator } from '../status-indicator/status-indicator.js';
import type {
  LfCancelEvent,
  LfDismissEvent,
  LfErrorEvent,
  LfLinkStartEvent,
  LfLinkedEvent,
  LfPopupBlockedEvent,
  LfReconnectEvent,
  LfRemoveEvent,
  LfRetryEvent,
  LfSelectEvent,
  LfStateChangeEvent,
  LfUnlinkEvent,
} from '../../events/index.js';

/** The class behind each tag. */
export interface LinkflowElementClasses {
  'lf-provider': LfProvider;
  'lf-connection-picker': LfConnectionPicker;
  'lf-status-indicator': LfStatusIndicator;
  'lf-error-panel': LfErrorPanel;
  'lf-link-flow': LfLinkFlow;
  'lf-connection-list': LfConnectionList;
}

/** Every linkflow tag. */
export type LinkflowTagName = keyof LinkflowElementClasses;

/** The public, writable properties of each tag, all optional (camelCase, set as properties). */
export interface LinkflowElementProperties {
  'lf-provider': Partial<Pick<LfProvider, 'adapter' | 'mode' | 'allowedOrigins' | 'strings' | 'locale'>>;
  'lf-connection-picker': Partial<
    Pick<
      LfConnectionPicker,
      'integrations' | 'connections' | 'adapter' | 'layout' | 'query' | 'category' | 'value' | 'strings' | 'theme'
    >
  >;
  'lf-status-indicator': Partial<
    Pick<
      LfStatusIndicator,
      'connection' | 'connectionId' | 'status' | 'health' | 'paused' | 'adapter' | 'strings' | 'theme'
    >
  >;
  'lf-error-panel': Partial<Pick<LfErrorPanel, 'error' | 'connection' | 'strings' | 'theme'>>;
  'lf-link-flow': Partial<
    Pick<
      LfLinkFlow,
      | 'adapter'
      | 'mode'
      | 'allowedOrigins'
      | 'returnUrl'
      | 'connectionId'
      | 'poll'
      | 'flowOptions'
      | 'strings'
      | 'theme'
    >
  >;
  'lf-connection-list': Partial<
    Pick<LfConnectionList, 'connections' | 'integrations' | 'adapter' | 'headingLevel' | 'strings' | 'theme'>
  >;
}

/** The kebab-case attributes of each tag whose names differ from their properties, as markup writes them. */
export interface LinkflowElementAttributes {
  'lf-provider': { 'allowed-origins'?: string };
  'lf-connection-picker': Record<never, never>;
  'lf-status-indicator': { 'connection-id'?: string };
  'lf-error-panel': Record<never, never>;
  'lf-link-flow': { 'allowed-origins'?: string; 'return-url'?: string; 'connection-id'?: string };
  'lf-connection-list': { 'heading-level'?: number | string };
}

/** The lf-* events each tag fires (or lets bubble out of the elements it is composed of), by name. */
export interface LinkflowElementEvents {
  'lf-provider': Record<never, never>;
  'lf-connection-picker': { 'lf-select': LfSelectEvent; 'lf-retry': LfRetryEvent };
  'lf-status-indicator': Record<never, never>;
  'lf-error-panel': { 'lf-retry': LfRetryEvent; 'lf-reconnect': LfReconnectEvent; 'lf-dismiss': LfDismissEvent };
  'lf-link-flow': {
    'lf-select': LfSelectEvent;
    'lf-link-start': LfLinkStartEvent;
    'lf-linked': LfLinkedEvent;
    'lf-error': LfErrorEvent;
    'lf-cancel': LfCancelEvent;
    'lf-state-change': LfStateChangeEvent;
    'lf-popup-blocked': LfPopupBlockedEvent;
    'lf-retry': LfRetryEvent;
  };
  'lf-connection-list': {
    'lf-reconnect': LfReconnectEvent;
    'lf-unlink': LfUnlinkEvent;
    'lf-remove': LfRemoveEvent;
    'lf-retry': LfRetryEvent;
  };
}

/** `lf-link-start` → `LfLinkStart`. */
export type PascalEventName<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalEventName<Tail>}`
  : Capitalize<S>;
