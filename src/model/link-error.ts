/** Every way a link can fail. The codes are part of the public API: hosts switch on them. */
export const LINK_ERROR_CODES = [
  'network',
  'timeout',
  'http',
  'unauthorized',
  'not-found',
  'rate-limited',
  'invalid-response',
  'unsafe-url',
  'state-mismatch',
  'popup-blocked',
  'cancelled',
  'provider',
  'expired',
] as const;

export type LinkErrorCode = (typeof LINK_ERROR_CODES)[number];

/** One precise thing that was wrong: a schema issue at `path`, or a vendor's validation message. */
export interface LinkErrorDetail {
  /** Dotted path into the payload (`results.0.status`), or `''` for the whole value. */
  readonly path: string;
  readonly message: string;
}

export interface LinkErrorInit {
  readonly retryable?: boolean;
  readonly status?: number;
  readonly correlationId?: string;
  readonly details?: readonly LinkErrorDetail[];
  readonly cause?: unknown;
}

/** The codes that are worth trying again without changing anything. */
const RETRYABLE_BY_DEFAULT: readonly LinkErrorCode[] = ['network', 'timeout', 'rate-limited', 'expired'];

const BRAND = Symbol.for('linkflow.LinkError');

/**
 * The one error type linkflow reports. Adapters, the flow and the elements never throw or show
 * anything else: a host can switch on `code` and show `message`.
 */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  readonly code: LinkErrorCode;
  /** Whether trying the same thing again may succeed. */
  readonly retryable: boolean;
  /** The HTTP status, when an HTTP answer caused this. */
  readonly status?: number;
  /** The vendor's correlation id, for support. */
  readonly correlationId?: string;
  /** Schema issues with their paths, or the vendor's validation messages. */
  readonly details: readonly LinkErrorDetail[];

  constructor(code: LinkErrorCode, message: string, init: LinkErrorInit = {}) {
    // Error reads only `cause` from its options.
    super(message, init.cause === undefined ? undefined : init);
    this.code = code;
    this.retryable =
      init.retryable ?? (RETRYABLE_BY_DEFAULT.includes(code) || (code === 'http' && init.status! >= 500));
    if (init.status !== undefined) this.status = init.status;
    if (init.correlationId !== undefined) this.correlationId = init.correlationId;
    this.details = Object.freeze([...(init.details ?? [])]);
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** True for a `LinkError` from this or any other copy of linkflow on the page. */
  static is(value: unknown): value is LinkError {
    return (value as Record<symbol, unknown> | null | undefined)?.[BRAND] === true;
  }

  /** A plain, credential-free object for logs and event details. */
  toJSON(): {
    name: 'LinkError';
    code: LinkErrorCode;
    message: string;
    retryable: boolean;
    status?: number;
    correlationId?: string;
    details: LinkErrorDetail[];
  } {
    // The error's own enumerable fields: name, code, retryable, status and correlationId (when given),
    // details. The message is the Error's own but hidden: written third, so the keys keep this order.
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this as Omit<this, 'name' | 'code' | 'message'>),
      details: [...this.details],
    };
  }
}

/** Wraps anything thrown into a `LinkError`, keeping one that already is. */
export function toLinkError(error: unknown, fallback: LinkErrorCode = 'network'): LinkError {
  if (LinkError.is(error)) return error;
  if ((error as { name?: unknown } | null | undefined)?.name === 'AbortError') {
    return new LinkError('cancelled', 'The request was cancelled.', { retryable: false });
  }
  const message = error instanceof Error && error.message ? error.message : 'Something went wrong.';
  return new LinkError(fallback, message, { cause: error });
}
