// React wrappers for every linkflow element, made with @lit/react. Properties are set as properties
// (arrays, objects and the adapter reach the element intact) and each lf-* event is a typed callback.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { LfConnectionList } from '../elements/connection-list/lf-connection-list.js';
import { LfConnectionPicker } from '../elements/connection-picker/lf-connection-picker.js';
import { LfErrorPanel } from '../elements/error-panel/lf-error-panel.js';
import { LfLinkFlow } from '../elements/link-flow/lf-link-flow.js';
import { LfProvider } from '../elements/provider/lf-provider.js';
import { LfStatusIndicator } from '../elements/status-indicator/lf-status-indicator.js';
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
} from '../events/index.js';

// The JSX types of the raw tags come with this entry: `import type {} from 'linkflow/react'` is enough.
export type { LinkflowIntrinsicElements, LinkflowJsxEventProps, LinkflowJsxProps } from './jsx.js';

/** `<lf-provider>`: gives the adapter, window mode, allowed origins and strings to every element inside. */
export const LinkflowProvider = createComponent({
  tagName: 'lf-provider',
  elementClass: LfProvider,
  react: React,
  displayName: 'LinkflowProvider',
});

/** `<lf-connection-picker>`: the searchable list of integrations. */
export const ConnectionPicker = createComponent({
  tagName: 'lf-connection-picker',
  elementClass: LfConnectionPicker,
  react: React,
  displayName: 'ConnectionPicker',
  events: {
    onLfSelect: 'lf-select' as EventName<LfSelectEvent>,
    onLfRetry: 'lf-retry' as EventName<LfRetryEvent>,
  },
});

/** `<lf-status-indicator>`: a connection's status and health. */
export const StatusIndicator = createComponent({
  tagName: 'lf-status-indicator',
  elementClass: LfStatusIndicator,
  react: React,
  displayName: 'StatusIndicator',
});

/** `<lf-error-panel>`: a LinkError or a connection's issues, with retry, reconnect and dismiss. */
export const ErrorPanel = createComponent({
  tagName: 'lf-error-panel',
  elementClass: LfErrorPanel,
  react: React,
  displayName: 'ErrorPanel',
  events: {
    onLfRetry: 'lf-retry' as EventName<LfRetryEvent>,
    onLfReconnect: 'lf-reconnect' as EventName<LfReconnectEvent>,
    onLfDismiss: 'lf-dismiss' as EventName<LfDismissEvent>,
  },
});

/** `<lf-link-flow>`: the whole flow, from choosing to linked. */
export const LinkFlow = createComponent({
  tagName: 'lf-link-flow',
  elementClass: LfLinkFlow,
  react: React,
  displayName: 'LinkFlow',
  events: {
    onLfSelect: 'lf-select' as EventName<LfSelectEvent>,
    onLfLinkStart: 'lf-link-start' as EventName<LfLinkStartEvent>,
    onLfLinked: 'lf-linked' as EventName<LfLinkedEvent>,
    onLfError: 'lf-error' as EventName<LfErrorEvent>,
    onLfCancel: 'lf-cancel' as EventName<LfCancelEvent>,
    onLfStateChange: 'lf-state-change' as EventName<LfStateChangeEvent>,
    onLfPopupBlocked: 'lf-popup-blocked' as EventName<LfPopupBlockedEvent>,
    onLfRetry: 'lf-retry' as EventName<LfRetryEvent>,
  },
});

/** `<lf-connection-list>`: the user's connections with reconnect, unlink and remove. */
export const ConnectionList = createComponent({
  tagName: 'lf-connection-list',
  elementClass: LfConnectionList,
  react: React,
  displayName: 'ConnectionList',
  events: {
    onLfReconnect: 'lf-reconnect' as EventName<LfReconnectEvent>,
    onLfUnlink: 'lf-unlink' as EventName<LfUnlinkEvent>,
    onLfRemove: 'lf-remove' as EventName<LfRemoveEvent>,
    onLfRetry: 'lf-retry' as EventName<LfRetryEvent>,
  },
});
