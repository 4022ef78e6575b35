/** Random bytes in a flow's `state` nonce: 16 bytes are 128 bits. */
export const STATE_BYTES = 16;

/** Encodes bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A fresh `state` nonce for one link attempt: `STATE_BYTES` (16) random bytes from
 * `crypto.getRandomValues`, as base64url (22 characters).
 */
export function createState(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(STATE_BYTES)));
}

/** Whether `value` looks like a state `createState` made (base64url, at least 22 characters). */
export function isState(value: unknown): value is string {
  return typeof value === 'string' && /^[\w-]{22,}$/.test(value);
}
