import { LinkError, type Connection, type Integration } from '../model/index.js';
import type { VendorErrorInfo } from './shared.js';

const pending = (): never => {
  throw new LinkError('invalid-response', 'The Unified parser is not ready yet.', { retryable: false });
};

/** Turns a Unified Connection payload into a model `Connection`. */
export function parseUnifiedConnection(_input: unknown): Connection {
  return pending();
}
/** Turns a Unified list of connections into model `Connection`s. */
export function parseUnifiedConnectionList(_input: unknown): Connection[] {
  return pending();
}
/** Turns a Unified list of integrations into model `Integration`s. */
export function parseUnifiedIntegrationList(_input: unknown): Integration[] {
  return pending();
}
/** Reads a Unified error body. */
export function parseUnifiedError(_input: unknown): VendorErrorInfo | null {
  return null;
}
