// Property: whatever a server (or a broken fetch) answers, `request()` with each vendor's parser and
// error reader settles with a model value or a LinkError — never another exception, never a hang —
// and the LinkError's code is the one its answer calls for. No real network: a fake fetch answers.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createCodatAdapter } from '../../src/adapter/codat.js';
import { request, type FetchLike, type HttpMethod } from '../../src/adapter/http.js';
import { createUnifiedAdapter } from '../../src/adapter/unified.js';
import {
  ConnectionSchema,
  IntegrationSchema,
  LINK_ERROR_CODES,
  LinkError,
  type LinkErrorCode,
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
} from '../../src/wire/index.js';
import { loadWire } from '../helpers/wire.js';

/** Runs per parser path (each through `request()`, so through fetch, status, content type and body). */
const RUNS = 10_000;
/** Runs per adapter, each calling one of its methods against a fake fetch answering anything. */
const ADAPTER_RUNS = 1_500;
/** How long one request may take before the property counts it as a hang (it never should come close). */
const WATCHDOG_MS = 3_000;
/** A request header value that must never come back in an error, even when the body repeats it. */
const SECRET = 'sk_live_hardening_7f3a9c1d2e4b';

// ------------------------------------------------------------------ what the fake server answers

/** One answer of the fake fetch. */
type Answer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly type: string | null;
      readonly body: string;
      readonly retryAfter?: string;
    }
  /** fetch rejects as the network does (TypeError). */
  | { readonly kind: 'reject' }
  /** fetch throws synchronously instead of answering a promise. */
  | { readonly kind: 'throw' }
  /** fetch rejects with an AbortError nobody asked for. */
  | { readonly kind: 'abort-error' }
  /** The answer's body stream fails part-way. */
  | { readonly kind: 'broken-body'; readonly status: number }
  /** fetch resolves with something that is no Response. */
  | { readonly kind: 'garbage'; readonly value: unknown }
  /** fetch never settles (the request's own timeout must end it). */
  | { readonly kind: 'hang' };

const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

function toResponse(answer: Extract<Answer, { kind: 'response' }>): Response {
  const headers = new Headers();
  if (answer.retryAfter !== undefined) headers.set('Retry-After', answer.retryAfter);
  if (NULL_BODY_STATUSES.has(answer.status)) return new Response(null, { status: answer.status, headers });
  // Bytes carry no content type of their own, so `type: null` really sends none.
  const body = new TextEncoder().encode(answer.body);
  if (answer.type !== null) headers.set('Content-Type', answer.type);
  return new Response(body, { status: answer.status, headers });
}

/** A fetch that gives `answers` in turn (the last one repeats) and counts its calls. */
function fakeFetch(answers: readonly Answer[]): { fetch: FetchLike; calls: () => number; sentSecret: () => boolean } {
  let calls = 0;
  let lastCarriedSecret = false;
  const fetch: FetchLike = (_input, init) => {
    const answer = answers[Math.min(calls, answers.length - 1)]!;
    calls += 1;
    lastCarriedSecret = new Headers(init.headers).get('authorization')?.includes(SECRET) ?? false;
    switch (answer.kind) {
      case 'response':
        return Promise.resolve(toResponse(answer));
      case 'reject':
        return Promise.reject(new TypeError('Failed to fetch'));
      case 'throw':
        throw new TypeError('fetch exploded synchronously');
      case 'abort-error':
        return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
      case 'broken-body': {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"results": [{"id": "'));
            controller.error(new TypeError('network error while reading the body'));
          },
        });
        return Promise.resolve(
          new Response(stream, { status: answer.status, headers: { 'Content-Type': 'application/json' } }),
        );
      }
      case 'garbage':
        return Promise.resolve(answer.value as Response);
      case 'hang':
        // Settles only if the request aborts it, as a real fetch does.
        return new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), {
            once: true,
          });
        });
    }
  };
  return { fetch, calls: () => calls, sentSecret: () => lastCarriedSecret };
}

type Path = readonly (string | number)[];

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

/** `fixture` with the value at each path replaced (or dropped when the new value is undefined). */
function mutate(fixture: unknown, changes: readonly { path: Path; value: unknown }[]): unknown {
  const root = { value: structuredClone(fixture) } as { value: unknown };
  for (const { path, value } of changes) {
    let parent: unknown = root.value;
    for (const key of path.slice(0, -1)) {
      parent = typeof parent === 'object' && parent !== null ? (parent as Record<string | number, unknown>)[key] : null;
    }
    if (typeof parent !== 'object' || parent === null) continue;
    const key = path[path.length - 1]!;
    if (value === undefined) delete (parent as Record<string | number, unknown>)[key];
    else (parent as Record<string | number, unknown>)[key] = value;
  }
  return root.value;
}

const DEEP = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
const HTML_PAGE =
  '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

/** A body: the fixture or a mutation of it, any JSON, broken JSON, HTML, or text that repeats the secret. */
function bodies(fixture: unknown, errorBody: unknown): fc.Arbitrary<string> {
  const paths = pathsIn(fixture);
  const errorPaths = pathsIn(errorBody);
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom<unknown>(undefined, null, '', SECRET, `token ${SECRET} refused`, -1, 1e308, '2024-02-30T00:00:00'),
  );
  const mutated = (base: unknown, where: Path[]) =>
    where.length === 0
      ? fc.constant(JSON.stringify(base))
      : fc
          .array(fc.record({ path: fc.constantFrom(...where), value }), { minLength: 1, maxLength: 4 })
          .map((changes) => JSON.stringify(mutate(base, changes)) ?? '');
  return fc.oneof(
    { arbitrary: fc.constant(JSON.stringify(fixture)), weight: 2 },
    { arbitrary: mutated(fixture, paths), weight: 6 },
    { arbitrary: mutated(errorBody, errorPaths), weight: 3 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => JSON.stringify(json)), weight: 4 },
    { arbitrary: fc.string({ maxLength: 80 }), weight: 2 },
    {
      arbitrary: fc
        .tuple(mutated(fixture, paths), fc.nat())
        .map(([json, cut]) => json.slice(0, json.length > 1 ? cut % (json.length - 1) : 0)),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(
        '',
        '   \n',
        'null',
        '[]',
        '{}',
        HTML_PAGE,
        DEEP,
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
        JSON.stringify({ error: `The token ${SECRET} is invalid`, message: SECRET, correlationId: SECRET }),
        JSON.stringify({ statusCode: 401, error: SECRET, message: `Bearer ${SECRET}` }),
        '\uFEFF{"results": []}',
        '{"results": [], "results": 5}',
      ),
      weight: 2,
    },
  );
}

const TYPES = fc.constantFrom<string | null>(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/vnd.api+json',
  'text/html; charset=utf-8',
  'text/plain',
  'text/json',
  'application/xml',
  'application/octet-stream',
  '',
  null,
);

const STATUSES = fc.oneof(
  { arbitrary: fc.constantFrom(200, 201, 204), weight: 6 },
  { arbitrary: fc.constantFrom(301, 304, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504), weight: 4 },
  { arbitrary: fc.integer({ min: 200, max: 599 }), weight: 2 },
);

/**
 * Answers of the fake fetch. For a whole adapter (`quick`), whose retries wait for real, every
 * answer says `Retry-After: 0` and network failures (retried after a real back-off) are left out:
 * `request()` itself meets them in the first property.
 */
function answers(fixture: unknown, errorBody: unknown, quick = false): fc.Arbitrary<Answer> {
  const response = fc.record(
    {
      kind: fc.constant('response' as const),
      status: STATUSES,
      type: TYPES,
      body: bodies(fixture, errorBody),
      retryAfter: quick ? fc.constant('0') : fc.constantFrom('0', '1', '3600', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT'),
    },
    { requiredKeys: quick ? ['kind', 'status', 'type', 'body', 'retryAfter'] : ['kind', 'status', 'type', 'body'] },
  );
  if (quick) {
    return fc.oneof(
      { arbitrary: response, weight: 60 },
      { arbitrary: fc.constant<Answer>({ kind: 'hang' }), weight: 1 },
    );
  }
  return fc.oneof(
    { arbitrary: response, weight: 160 },
    { arbitrary: fc.constant<Answer>({ kind: 'reject' }), weight: 8 },
    { arbitrary: fc.constant<Answer>({ kind: 'throw' }), weight: 4 },
    { arbitrary: fc.constant<Answer>({ kind: 'abort-error' }), weight: 4 },
    {
      arbitrary: fc.integer({ min: 200, max: 599 }).map((status): Answer => ({ kind: 'broken-body', status })),
      weight: 4,
    },
    {
      arbitrary: fc
        .constantFrom<unknown>(null, undefined, {}, 'ok', 42, { status: 200 })
        .map((value): Answer => ({ kind: 'garbage', value })),
      weight: 4,
    },
    { arbitrary: fc.constant<Answer>({ kind: 'hang' }), weight: 1 },
  );
}

// ------------------------------------------------------------------ what `request()` must do with it

/** How one attempt ends, as the HTTP layer's contract describes it. */
function attemptOutcome(
  answer: Answer,
  method: HttpMethod,
): { code: LinkErrorCode | 'ok?'; retry: boolean; status?: number } {
  const isGet = method === 'GET';
  switch (answer.kind) {
    case 'hang':
      return { code: 'timeout', retry: false };
    case 'reject':
    case 'throw':
    case 'abort-error':
    case 'broken-body':
    case 'garbage':
      return { code: 'network', retry: isGet };
    case 'response': {
      const { status } = answer;
      if (status >= 200 && status <= 299) return { code: 'ok?', retry: false };
      const code: LinkErrorCode =
        status === 401 || status === 403
          ? 'unauthorized'
          : status === 404
            ? 'not-found'
            : status === 429
              ? 'rate-limited'
              : 'http';
      const retryAfter = answer.retryAfter === undefined ? undefined : retryAfterMs(answer.retryAfter);
      const retry = isGet && RETRY_STATUSES.has(status) && !(retryAfter !== undefined && retryAfter > 10_000);
      return { code, retry, status };
    }
  }
}

/** `Retry-After` as the HTTP layer reads it (seconds, or a date; a date in the past waits 0). */
function retryAfterMs(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The outcome `request()` must reach for this sequence of answers, and how many fetches it makes. */
function expectedOutcome(sequence: readonly Answer[], method: HttpMethod) {
  const tries = method === 'GET' ? 3 : 1;
  for (let attempt = 1; ; attempt += 1) {
    const answer = sequence[Math.min(attempt - 1, sequence.length - 1)]!;
    const outcome = attemptOutcome(answer, method);
    if (outcome.code === 'ok?' || !outcome.retry || attempt >= tries) return { ...outcome, fetches: attempt };
  }
}

function ensure(condition: boolean, why: () => string): void {
  if (!condition) throw new Error(why());
}

const CODES: ReadonlySet<string> = new Set(LINK_ERROR_CODES);

function checkError(error: unknown, expected: ReturnType<typeof expectedOutcome>, label: () => string): void {
  ensure(LinkError.is(error), () => `${label()}: threw a non-LinkError ${String(error)}`);
  const linkError = error as LinkError;
  ensure(CODES.has(linkError.code), () => `${label()}: unknown code ${linkError.code}`);
  const want = expected.code === 'ok?' ? 'invalid-response' : expected.code;
  ensure(linkError.code === want, () => `${label()}: code ${linkError.code}, expected ${want}`);
  if (expected.status !== undefined) {
    ensure(linkError.status === expected.status, () => `${label()}: status ${linkError.status}`);
  }
  ensure(typeof linkError.message === 'string' && linkError.message.length > 0, () => `${label()}: no message`);
  ensure(linkError.message.length <= 500, () => `${label()}: a ${linkError.message.length}-character message`);
  ensure(linkError.details.length <= 20, () => `${label()}: ${linkError.details.length} details`);
  const json = JSON.stringify(linkError);
  ensure(
    !json.includes(SECRET) && !linkError.message.includes(SECRET),
    () => `${label()}: the secret header came back`,
  );
}

/** Settles `promise` or reports a hang after WATCHDOG_MS. */
async function settle<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown } | 'hang'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), WATCHDOG_MS)));
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      watchdog,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------ the parser paths

interface ParserPath {
  readonly name: string;
  readonly fixture: string;
  readonly errorBody: Record<string, unknown>;
  readonly parse: (json: unknown) => unknown;
  readonly readError: (json: unknown) => VendorErrorInfo | null;
  readonly check: (value: unknown) => void;
}

const connectionOk = (value: unknown) =>
  ensure(ConnectionSchema.safeParse(value).success, () => `not a model Connection: ${JSON.stringify(value)}`);
const integrationOk = (value: unknown) =>
  ensure(IntegrationSchema.safeParse(value).success, () => `not a model Integration: ${JSON.stringify(value)}`);
const pageOk = (check: (value: unknown) => void) => (value: unknown) => {
  const { items, page } = value as { items: unknown[]; page: { totalResults: number } };
  ensure(Array.isArray(items), () => 'no items');
  items.forEach(check);
  ensure(Number.isSafeInteger(page.totalResults), () => 'no totalResults');
};
const listOk = (check: (value: unknown) => void) => (value: unknown) => {
  ensure(Array.isArray(value), () => 'not an array');
  (value as unknown[]).forEach(check);
};

const CODAT_ERROR = {
  statusCode: 429,
  service: 'PublicApi',
  error: 'Too many requests.',
  correlationId: '7d4bd6ba0b8f4b8f9d2b5b1e8b2a4c61',
  validation: { errors: [{ itemId: 'page', message: 'bad page', validatorName: 'Paging' }], warnings: [] },
  canBeRetried: 'Unknown',
  detailedErrorCode: 0,
};
const UNIFIED_ERROR = { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded.' };

const PATHS: readonly ParserPath[] = [
  {
    name: 'Codat connection',
    fixture: 'codat-connection.json',
    errorBody: CODAT_ERROR,
    parse: parseCodatConnection,
    readError: parseCodatError,
    check: connectionOk,
  },
  {
    name: 'Codat page of connections',
    fixture: 'codat-connections-page.json',
    errorBody: CODAT_ERROR,
    parse: parseCodatConnectionsPage,
    readError: parseCodatError,
    check: pageOk(connectionOk),
  },
  {
    name: 'Codat page of integrations',
    fixture: 'codat-integrations-page.json',
    errorBody: CODAT_ERROR,
    parse: parseCodatIntegrationsPage,
    readError: parseCodatError,
    check: pageOk(integrationOk),
  },
  {
    name: 'Unified connection',
    fixture: 'unified-connection.json',
    errorBody: UNIFIED_ERROR,
    parse: parseUnifiedConnection,
    readError: parseUnifiedError,
    check: connectionOk,
  },
  {
    name: 'Unified connection list',
    fixture: 'unified-connections-list.json',
    errorBody: UNIFIED_ERROR,
    parse: parseUnifiedConnectionList,
    readError: parseUnifiedError,
    check: listOk(connectionOk),
  },
  {
    name: 'Unified integration list',
    fixture: 'unified-integrations-list.json',
    errorBody: UNIFIED_ERROR,
    parse: parseUnifiedIntegrationList,
    readError: parseUnifiedError,
    check: listOk(integrationOk),
  },
];

const noSleep = (): Promise<void> => Promise.resolve();

describe('the HTTP layer, given any answer', () => {
  const fixtures = new Map<string, unknown>();

  before(async () => {
    for (const path of PATHS) fixtures.set(path.fixture, await loadWire(path.fixture));
  });

  for (const path of PATHS) {
    it(`${path.name}: any status, content type, body or fetch failure gives a model value or the right LinkError`, async function () {
      this.timeout(240_000);
      const fixture = fixtures.get(path.fixture);
      let hangs = 0;
      let values = 0;
      let errors = 0;
      const property = fc.asyncProperty(
        fc.constantFrom<HttpMethod>('GET', 'GET', 'GET', 'POST', 'PATCH'),
        fc.array(answers(fixture, path.errorBody), { minLength: 1, maxLength: 3 }),
        async (method, sequence) => {
          const { fetch, calls } = fakeFetch(sequence);
          const expected = expectedOutcome(sequence, method);
          const timed = sequence.some((answer) => answer.kind === 'hang');
          const result = await settle(
            request({
              method,
              url: 'https://backend.example/api/vendor/path',
              ...(method === 'GET' ? {} : { body: { platformKey: 'gbol' } }),
              headers: { Authorization: `Bearer ${SECRET}`, 'X-Session': SECRET },
              parse: path.parse,
              readError: path.readError,
              fetch,
              sleep: noSleep,
              random: () => 0.5,
              // A hanging fetch must end by the request's own timeout; others get the default.
              ...(timed ? { timeout: 2 } : {}),
            }),
          );
          const label = () => `${method} ${JSON.stringify(sequence).slice(0, 300)}`;
          ensure(result !== 'hang', () => `${label()}: did not settle within ${WATCHDOG_MS} ms`);
          if (result === 'hang') return;
          if (timed) hangs += 1;
          // With a 2 ms timeout any slow attempt may time out first: timeout is then a right answer too.
          if (timed && !result.ok && LinkError.is(result.error) && result.error.code === 'timeout') return;
          ensure(calls() === expected.fetches, () => `${label()}: ${calls()} fetches, expected ${expected.fetches}`);
          if (result.ok) {
            ensure(expected.code === 'ok?', () => `${label()}: resolved where ${expected.code} was due`);
            path.check(result.value);
            values += 1;
          } else {
            checkError(result.error, expected, label);
            errors += 1;
          }
        },
      );
      await fc.assert(property, { numRuns: RUNS });
      // The generators reach every kind of ending, so the property is not vacuous.
      expect(values, 'runs that answered a value').to.be.greaterThan(RUNS / 100);
      expect(errors, 'runs that answered a LinkError').to.be.greaterThan(RUNS / 4);
      expect(hangs, 'runs where fetch hung').to.be.greaterThan(0);
    });
  }
});

describe('the shipped adapters, given any answer', () => {
  const fixtures = new Map<string, unknown>();

  before(async () => {
    for (const path of PATHS) fixtures.set(path.fixture, await loadWire(path.fixture));
  });

  const METHODS = ['listIntegrations', 'listConnections', 'getConnection', 'startLink', 'unlink', 'remove'] as const;

  function call(adapter: ConnectionAdapter, method: (typeof METHODS)[number]): Promise<unknown> {
    switch (method) {
      case 'listIntegrations':
        return adapter.listIntegrations();
      case 'listConnections':
        return adapter.listConnections();
      case 'getConnection':
        return adapter.getConnection('conn-1');
      case 'startLink':
        return adapter.startLink('gbol', { returnUrl: 'https://app.example/settings', state: 'a'.repeat(22) });
      case 'unlink':
        return adapter.unlink ? adapter.unlink('conn-1') : Promise.resolve(undefined);
      case 'remove':
        return adapter.remove ? adapter.remove('conn-1') : Promise.resolve(undefined);
    }
  }

  for (const vendor of ['Codat', 'Unified'] as const) {
    it(`${vendor}: every method, with every page answered at random, settles with a value or a LinkError`, async function () {
      this.timeout(240_000);
      const own = PATHS.filter((path) => path.name.startsWith(vendor));
      const errorBody = own[0]!.errorBody;
      // Each request of a call picks its answer from a fixture of this vendor, mutated or not, or a failure.
      const anyAnswer = fc.oneof(...own.map((path) => answers(fixtures.get(path.fixture), errorBody, true)));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...METHODS),
          fc.array(anyAnswer, { minLength: 1, maxLength: 6 }),
          async (method, sequence) => {
            const { fetch, sentSecret } = fakeFetch(sequence);
            const timed = sequence.some((answer) => answer.kind === 'hang');
            const options = { fetch, timeout: timed ? 2 : 15_000, headers: { Authorization: `Bearer ${SECRET}` } };
            const adapter =
              vendor === 'Codat'
                ? createCodatAdapter({
                    baseUrl: 'https://backend.example/codat',
                    companyId: 'c1',
                    maxPages: 5,
                    ...options,
                  })
                : createUnifiedAdapter({
                    workspaceId: 'w1',
                    connectionsUrl: 'https://backend.example/unified/connection',
                    apiBase: 'https://api.example',
                    pageSize: 2,
                    maxPages: 5,
                    ...options,
                  });
            const label = () => `${method} ${JSON.stringify(sequence).slice(0, 300)}`;
            const result = await settle(call(adapter, method));
            ensure(result !== 'hang', () => `${label()}: did not settle within ${WATCHDOG_MS} ms`);
            if (result === 'hang' || result.ok) return;
            ensure(LinkError.is(result.error), () => `${label()}: threw ${String(result.error)}`);
            ensure(CODES.has((result.error as LinkError).code), () => `${label()}: unknown code`);
            // Only a request that carried the header must keep it out (Unified's public calls send none).
            ensure(
              !sentSecret() || !JSON.stringify(result.error).includes(SECRET),
              () => `${label()}: the secret header came back`,
            );
          },
        ),
        { numRuns: ADAPTER_RUNS },
      );
    });
  }
});
