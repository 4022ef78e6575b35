import type * as z from 'zod/mini';
import { LinkError, type LinkErrorDetail } from './link-error.js';

/** How many schema issues an error carries at most: a hostile payload cannot make a huge error. */
const MAX_DETAILS = 20;

/** Turns zod's issues into details that name the field path, never the offending value. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): LinkErrorDetail[] {
  return issues.slice(0, MAX_DETAILS).map((issue) => ({
    path: issue.path.map((part) => String(part)).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema`; any failure, even one zod itself throws, becomes an
 * `invalid-response` `LinkError` whose details name the paths. Never throws anything else.
 */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown, what: string): z.infer<S> {
  let result: ReturnType<S['safeParse']>;
  try {
    result = schema.safeParse(input) as ReturnType<S['safeParse']>;
  } catch (error) {
    throw new LinkError('invalid-response', `The ${what} could not be read.`, {
      retryable: false,
      details: [{ path: '', message: error instanceof Error ? error.message : 'unreadable value' }],
    });
  }
  if (result.success) return result.data as z.infer<S>;
  const details = issuesToDetails(result.error.issues);
  const first = details[0];
  const where = first && first.path ? ` at "${first.path}"` : '';
  throw new LinkError('invalid-response', `The ${what} is not in the expected form${where}.`, {
    retryable: false,
    details,
  });
}
