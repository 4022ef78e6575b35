import { expect } from '@open-wc/testing';
import { LinkError } from '../../src/model/index.js';

/** The vendors' example payloads from ../shared/wire/, served by the test server. */
export async function loadWire<T = unknown>(name: string): Promise<T> {
  const response = await fetch(`/__wire__/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export type Json = Record<string, unknown>;

/** Runs `run`, which must throw; answers the `LinkError` it threw (failing on anything else). */
export function thrown(run: () => unknown): LinkError {
  try {
    run();
  } catch (error) {
    expect(LinkError.is(error), `expected a LinkError, got ${String(error)}`).to.equal(true);
    return error as LinkError;
  }
  return expect.fail('expected a LinkError to be thrown');
}

/** Asserts that `run` fails with `invalid-response` naming `path` among its details. */
export function expectInvalidAt(run: () => unknown, path: string): LinkError {
  const error = thrown(run);
  expect(error.code).to.equal('invalid-response');
  expect(error.retryable).to.equal(false);
  expect(
    error.details.map((detail) => detail.path),
    error.message,
  ).to.include(path);
  return error;
}

/** A copy of `source` with `key` removed. */
export function without(source: Json, key: string): Json {
  const copy = structuredClone(source);
  delete copy[key];
  return copy;
}

/** A copy of `source` with `changes` applied. */
export function withFields(source: Json, changes: Json): Json {
  return { ...structuredClone(source), ...changes };
}

/** `value` wrapped in `depth` arrays. */
export function nested(depth: number, value: unknown = 'x'): unknown {
  let out = value;
  for (let level = 0; level < depth; level += 1) out = [out];
  return out;
}
