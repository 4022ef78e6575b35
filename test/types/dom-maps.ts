// Type test of the DOM maps, checked by `tsc --noEmit -p tsconfig.json`: the tags in
// HTMLElementTagNameMap and the events in GlobalEventHandlersEventMap, so a query or a listener is typed
// without a cast. Each `@ts-expect-error` must meet an error.
import type {} from '../../src/define.js';
import type { Connection, LfConnectionPicker, LfLinkFlow, LinkError } from '../../src/index.js';

export const flow: LfLinkFlow | null = document.querySelector('lf-link-flow');
export const picker: LfConnectionPicker = document.createElement('lf-connection-picker');

document.addEventListener('lf-linked', (event) => {
  const connection: Connection = event.detail.connection;
  return connection;
});
document.querySelector('lf-connection-list')?.addEventListener('lf-remove', (event) => event.detail.connection.id);
document.addEventListener('lf-error', (event) => {
  const error: LinkError = event.detail.error;
  return error.code;
});

// @ts-expect-error -- lf-link-flow has no `integrations` property.
document.querySelector('lf-link-flow')?.integrations;

// @ts-expect-error -- an lf-linked event carries a connection, not an integration.
document.addEventListener('lf-linked', (event) => event.detail.integration);
