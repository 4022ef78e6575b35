import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  ConnectionSchema,
  IntegrationSchema,
  LinkError,
  type Connection,
  type Integration,
} from '../../src/model/index.js';
import {
  parseCodatConnection,
  parseCodatConnectionsPage,
  parseCodatError,
  parseCodatIntegrationsPage,
  parseUnifiedConnection,
  parseUnifiedConnectionList,
  parseUnifiedError,
  parseUnifiedIntegrationList,
  type VendorErrorInfo,
  type WirePage,
} from '../../src/wire/index.js';
import { loadWire } from '../helpers/wire.js';

/** Runs per parser and per kind of input. */
const RUNS = 10_000;

type Path = readonly (string | number)[];

/** One parser under test: what it reads, and what a good answer from it looks like. */
interface Subject {
  readonly name: string;
  /** The fixture whose mutations are fed to the parser (a file of ../shared/wire, or a literal body). */
  readonly fixture: string | Record<string, unknown>;
  readonly parse: (input: unknown) => unknown;
  /** Asserts that a value the parser answered is a well-formed result. */
  readonly check: (result: unknown) => void;
  /** Error-body readers never throw: they answer null instead. */
  readonly neverThrows?: boolean;
}

/** A plain assertion for the hot path: chai's are too slow for 10,000 runs in every browser. */
function ensure(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

function checkConnection(connection: Connection): void {
  const result = ConnectionSchema.safeParse(connection);
  ensure(result.success, () => `not a model Connection: ${JSON.stringify(result.error?.issues)}`);
}

function checkIntegration(integration: Integration): void {
  const result = IntegrationSchema.safeParse(integration);
  ensure(result.success, () => `not a model Integration: ${JSON.stringify(result.error?.issues)}`);
}

function checkPage(page: WirePage): void {
  for (const count of [page.pageNumber, page.pageSize, page.totalResults]) {
    ensure(Number.isSafeInteger(count) && count >= 0, () => `not a count: ${String(count)}`);
  }
  ensure(typeof page.hasNext === 'boolean', () => 'hasNext is not a boolean');
}

function checkErrorInfo(info: VendorErrorInfo | null): void {
  if (info === null) return;
  ensure(Array.isArray(info.details), () => 'details is not an array');
  for (const detail of info.details) {
    ensure(typeof detail.path === 'string' && typeof detail.message === 'string', () => 'a detail is malformed');
  }
  const { status, message, retryable, correlationId } = info;
  ensure(
    status === undefined || (Number.isInteger(status) && status >= 100 && status <= 599),
    () => `status ${status}`,
  );
  ensure(message === undefined || typeof message === 'string', () => 'message is not a string');
  ensure(correlationId === undefined || typeof correlationId === 'string', () => 'correlationId is not a string');
  ensure(retryable === undefined || typeof retryable === 'boolean', () => 'retryable is not a boolean');
}

const SUBJECTS: readonly Subject[] = [
  {
    name: 'parseCodatConnection',
    fixture: 'codat-connection.json',
    parse: parseCodatConnection,
    check: (result) => checkConnection(result as Connection),
  },
  {
    name: 'parseCodatConnectionsPage',
    fixture: 'codat-connections-page.json',
    parse: parseCodatConnectionsPage,
    check: (result) => {
      const { items, page } = result as { items: Connection[]; page: WirePage };
      items.forEach(checkConnection);
      checkPage(page);
    },
  },
  {
    name: 'parseCodatIntegrationsPage',
    fixture: 'codat-integrations-page.json',
    parse: parseCodatIntegrationsPage,
    check: (result) => {
      const { items, page } = result as { items: Integration[]; page: WirePage };
      items.forEach(checkIntegration);
      checkPage(page);
    },
  },
  {
    name: 'parseCodatError',
    fixture: 'codat-error.json',
    parse: parseCodatError,
    check: (result) => checkErrorInfo(result as VendorErrorInfo | null),
    neverThrows: true,
  },
  {
    name: 'parseUnifiedConnection',
    fixture: 'unified-connection.json',
    parse: parseUnifiedConnection,
    check: (result) => checkConnection(result as Connection),
  },
  {
    name: 'parseUnifiedConnectionList',
    fixture: 'unified-connections-list.json',
    parse: parseUnifiedConnectionList,
    check: (result) => (result as Connection[]).forEach(checkConnection),
  },
  {
    name: 'parseUnifiedIntegrationList',
    fixture: 'unified-integrations-list.json',
    parse: parseUnifiedIntegrationList,
    check: (result) => (result as Integration[]).forEach(checkIntegration),
  },
  {
    name: 'parseUnifiedError',
    fixture: { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded.' },
    parse: parseUnifiedError,
    check: (result) => checkErrorInfo(result as VendorErrorInfo | null),
    neverThrows: true,
  },
];

/** Every path to a value inside `value`, the root excluded. */
function pathsIn(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (typeof value !== 'object' || value === null) return out;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    out.push([...at, key]);
    pathsIn(item, [...at, key], out);
  }
  return out;
}

/** Every object key in `value`, so generated objects often carry the names the schemas look for. */
function keysIn(value: unknown): string[] {
  return [
    ...new Set(pathsIn(value).flatMap((path) => path.filter((part): part is string => typeof part === 'string'))),
  ];
}

type Mutation = { readonly path: Path; readonly drop: true } | { readonly path: Path; readonly value: unknown };

/** A copy of `fixture` with each mutation applied where its path still leads somewhere. */
function mutate(fixture: unknown, mutations: readonly Mutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(fixture) };
  for (const mutation of mutations) {
    let parent: unknown = root.value;
    const parents = mutation.path.slice(0, -1);
    for (const key of parents) {
      parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : null;
    }
    if (typeof parent !== 'object' || parent === null) continue;
    const key = mutation.path[mutation.path.length - 1]!;
    try {
      if (!('drop' in mutation)) (parent as Record<string | number, unknown>)[key] = mutation.value;
      else if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<string | number, unknown>)[key];
    } catch {
      // Some generated values refuse the change (an array's length, a typed array's index): leave them be.
    }
  }
  return root.value;
}

/** Keys that have broken parsers elsewhere: prototype names, and the ones the vendors' credentials use. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length'];

/** Strings close to valid ones, so mutations reach the date and enum checks instead of failing early. */
const NEAR_MISSES = [
  'Linked',
  'linked',
  'PendingAuth',
  'Active',
  'Resolved',
  '',
  ' ',
  '2024-04-05T08:29:00Z',
  '2024-04-05T08:29:00.1234567+05:30',
  '2024-04-05T08:29:00.12345678Z',
  '2024-02-30T00:00:00',
  '2024-04-05',
  '9999-12-31T23:59:60Z',
  'true',
  'yes',
];

/** Any JSON value, any JavaScript value, or a near miss; objects often use the fixture's own keys. */
function anyValue(keys: readonly string[], maxDepth: number): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS, ...keys), fc.string());
  return fc.oneof(
    fc.jsonValue({ maxDepth: maxDepth + 1 }),
    fc.anything({
      key,
      maxDepth,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
    fc.constantFrom<unknown>(...NEAR_MISSES, null, undefined, 0, -1, 1.5, Number.NaN, Infinity, [], {}),
  );
}

/** Asserts what every parser promises: a well-formed result, or an `invalid-response` `LinkError` naming paths. */
function expectWellBehaved(subject: Subject, input: unknown): void {
  let result: unknown;
  try {
    result = subject.parse(input);
  } catch (error) {
    ensure(subject.neverThrows !== true, () => `${subject.name} threw ${String(error)}`);
    ensure(LinkError.is(error), () => `${subject.name} threw ${String(error)}`);
    const linkError = error as LinkError;
    ensure(linkError.code === 'invalid-response', () => `${subject.name} threw code ${linkError.code}`);
    ensure(linkError.details.length >= 1 && linkError.details.length <= 20, () => 'details are not 1 to 20');
    ensure(
      linkError.details.every((detail) => typeof detail.path === 'string' && typeof detail.message === 'string'),
      () => 'a detail is malformed',
    );
    ensure(!JSON.stringify(linkError).includes('SECRET-PLACEHOLDER'), () => 'a credential reached the error');
    return;
  }
  subject.check(result);
  ensure(!(JSON.stringify(result) ?? '').includes('SECRET-PLACEHOLDER'), () => 'a credential reached the result');
}

describe('every wire parser, given anything', () => {
  const fixtures = new Map<string, unknown>();

  before(async () => {
    for (const subject of SUBJECTS) {
      if (typeof subject.fixture === 'string') fixtures.set(subject.name, await loadWire(subject.fixture));
      else fixtures.set(subject.name, subject.fixture);
    }
  });

  for (const subject of SUBJECTS) {
    it(`${subject.name} answers a model object or a LinkError for any value or mutated fixture`, () => {
      const fixture = fixtures.get(subject.name);
      const paths = pathsIn(fixture);
      const keys = keysIn(fixture);
      const mutation: fc.Arbitrary<Mutation> = fc.oneof(
        fc.record({ path: fc.constantFrom(...paths), drop: fc.constant(true as const) }),
        fc.record({ path: fc.constantFrom(...paths), value: anyValue(keys, 2) }),
        fc.record({
          path: fc
            .tuple(fc.constantFrom(...paths), fc.constantFrom(...HOSTILE_KEYS, ...keys))
            .map(([path, key]): Path => [...path.slice(0, -1), key]),
          value: anyValue(keys, 1),
        }),
      );
      const mutated = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => mutate(fixture, mutations));
      fc.assert(
        fc.property(fc.oneof(anyValue(keys, 2), mutated), (input) => expectWellBehaved(subject, input)),
        { numRuns: RUNS },
      );
    });
  }

  it('keeps the fixtures themselves valid, so the mutations start from a good payload', () => {
    for (const subject of SUBJECTS) {
      const result = subject.parse(fixtures.get(subject.name));
      subject.check(result);
      expect(result, subject.name).not.to.equal(null);
    }
  });
});
