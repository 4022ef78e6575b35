import { LinkError, type Connection, type Integration } from '../model/index.js';
import type { VendorErrorInfo, WirePage } from './shared.js';

const pending = (): never => {
  throw new LinkError('invalid-response', 'The Codat parser is not ready yet.', { retryable: false });
};

/** Turns a Codat Connection payload into a model `Connection`. */
export function parseCodatConnection(_input: unknown): Connection {
  return pending();
}
/** Turns a Codat page of connections into model `Connection`s and the page's position. */
export function parseCodatConnectionsPage(_input: unknown): { items: Connection[]; page: WirePage } {
  return pending();
}
/** Turns a Codat page of integrations into model `Integration`s and the page's position. */
export function parseCodatIntegrationsPage(_input: unknown): { items: Integration[]; page: WirePage } {
  return pending();
}
/** Reads a Codat error body. */
export function parseCodatError(_input: unknown): VendorErrorInfo | null {
  return null;
}
