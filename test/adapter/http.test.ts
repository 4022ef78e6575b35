import { expect } from '@open-wc/testing';
import * as z from 'zod/mini';
import { backoff, parseRetryAfter, request, type RequestOptions } from '../../src/adapter/http.js';
import { LinkError, parseOrThrow } from '../../src/model/index.js';
import type { VendorErrorInfo } from '../../src/wire/shared.js';
import { expectLinkError } from './contract.js';
import { HTML_PAGE, VendorSession } from './vendor.js';

const PATH = '/codat/integrations';
const TOKEN = 'Bearer sk_live_7f3a9c1d2e4b';

const PageSchema = z.object({ totalResults: z.number(), results: z.array(z.object({ key: z.string() })) });
const parsePage = (json: unknown): { totalResults: number; keys: string[] } => {
  const page = parseOrThrow(PageSchema, json, 'page');
  return { totalResults: page.totalResults, keys: page.results.map((r) => r.key) };
};
/** A vendor error reader in the simplest shape: `{ error, correlationId, problems: [{ field, text }] }`. */
const readError = (json: unknown): VendorErrorInfo | null => {
  if (typeof json !== 'object' || json === null) return null;
  const body = json as { error?: unknown; correlationId?: unknown; problems?: { field: string; text: string }[] };
  return {
    ...(typeof body.error === 'string' ? { message: body.error } : {}),
    ...(typeof body.correlationId === 'string' ? { correlationId: body.correlationId } : {}),
    details: (body.problems ?? []).map((p) => ({ path: p.field, message: p.text })),
  };
};

describe('http request', () => {
  let server: VendorSession;
  let slept: number[];
  const noSleep = (ms: number): Promise<void> => {
    slept.push(ms);
    return Promise.resolve();
  };

  beforeEach(async () => {
    server = await VendorSession.open();
    slept = [];
  });

  /** A GET of the first page of integrations, with the sleep recorded instead of waited. */
  const get = (extra: Partial<RequestOptions<ReturnType<typeof parsePage>>> = {}) =>
    request({
      method: 'GET',
      url: `${server.base}${PATH}?page=1&pageSize=2`,
      parse: parsePage,
      readError,
      sleep: noSleep,
      random: () => 0.5,
      ...extra,
    });

  it('answers the parsed body of a JSON answer, in one request, asking for JSON', async () => {
    const page = await get({ headers: { 'X-Csrf-Token': 'csrf-1' } });
    expect(page.keys).to.deep.equal(['gbol', 'dfxm']);
    expect(await server.count(PATH)).to.equal(1);
    const [seen] = await server.requests();
    expect(seen!.headers['x-csrf-token']).to.equal('csrf-1');
  });

  it('reads a headers function before every request', async () => {
    let n = 0;
    await server.fail({ path: PATH, status: 503, body: { error: 'busy' } });
    await get({ headers: () => ({ 'X-Request-No': String(++n) }) });
    await get({ headers: () => ({ 'X-Request-No': String(++n) }) });
    const seen = await server.requests();
    expect(seen.map((r) => r.headers['x-request-no'])).to.deep.equal(['1', '1', '2']);
  });

  it('fails with timeout when the answer is slower than the timeout, without a retry', async () => {
    await server.fail({ path: PATH, delay: 3000 });
    const error = await expectLinkError(get({ timeout: 200 }), 'timeout');
    expect(error.retryable).to.equal(true);
    expect(await server.count(PATH)).to.equal(1);
    expect(slept).to.deep.equal([]);
  });

  it('times out even when a custom fetch ignores the signal', async () => {
    const never = (): Promise<Response> => new Promise<Response>(() => undefined);
    await expectLinkError(get({ timeout: 50, fetch: never }), 'timeout');
  });

  it('retries a GET after a 500 and answers the second try', async () => {
    await server.fail({ path: PATH, status: 500, body: { error: 'Internal error' } });
    const page = await get();
    expect(page.keys).to.have.length(2);
    expect(await server.count(PATH)).to.equal(2);
    expect(slept).to.have.length(1);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    await server.fail({ path: PATH, status: 429, retryAfter: 2, body: { error: 'Slow down' } });
    await get();
    expect(await server.count(PATH)).to.equal(2);
    expect(slept).to.deep.equal([2000]);
  });

  it('honours Retry-After as an HTTP date on a 429', async () => {
    await server.fail({ path: PATH, status: 429, retryAfterDate: 2, body: { error: 'Slow down' } });
    await get();
    expect(await server.count(PATH)).to.equal(2);
    expect(slept).to.have.length(1);
    // The date has whole seconds: two seconds ahead is between one and two seconds away.
    expect(slept[0]).to.be.greaterThan(500).and.at.most(2000);
  });

  it('gives up at once with rate-limited when Retry-After is longer than worth waiting', async () => {
    await server.fail({ path: PATH, status: 429, retryAfter: 3600, body: { error: 'Quota used up' } });
    const error = await expectLinkError(get(), 'rate-limited');
    expect(error.status).to.equal(429);
    expect(error.message).to.equal('Quota used up');
    expect(error.retryable).to.equal(true);
    expect(await server.count(PATH)).to.equal(1);
    expect(slept).to.deep.equal([]);
  });

  it('tries a GET three times on 503, backing off more each time, then fails with http 503', async () => {
    await server.fail({ path: PATH, status: 503, times: 5, body: { error: 'Down for maintenance' } });
    const error = await expectLinkError(get(), 'http');
    expect(error.status).to.equal(503);
    expect(error.message).to.equal('Down for maintenance');
    expect(await server.count(PATH)).to.equal(3);
    expect(slept).to.have.length(2);
    expect(slept[1]).to.be.greaterThan(slept[0]!);
  });

  it('retries 502 and 504 too, and honours the retries option', async () => {
    await server.fail({ path: PATH, status: 502, times: 5, body: HTML_PAGE, type: 'text/html' });
    const error = await expectLinkError(get({ retries: 2 }), 'http');
    expect(error.status).to.equal(502);
    expect(await server.count(PATH)).to.equal(2);
    await server.fail({ path: PATH, status: 504 });
    await get();
    expect(await server.count(PATH)).to.equal(4);
  });

  for (const [name, fault] of [
    ['malformed JSON', { body: '{"results": [{"key": "gbol"', type: 'application/json' }],
    ['an HTML page', { body: HTML_PAGE, type: 'text/html' }],
    ['an HTML page sent as JSON', { body: HTML_PAGE, type: 'application/json' }],
    ['an empty body', { body: '', type: 'application/json' }],
    ['a wrong content type', { body: '{"totalResults": 0, "results": []}', type: 'text/plain' }],
  ] as const) {
    it(`fails with invalid-response on ${name}, without a retry`, async () => {
      await server.fail({ path: PATH, status: 200, ...fault });
      const error = await expectLinkError(get(), 'invalid-response');
      expect(error.retryable).to.equal(false);
      expect(await server.count(PATH)).to.equal(1);
    });
  }

  it('fails with invalid-response naming the paths when the body fails its schema', async () => {
    await server.fail({
      path: PATH,
      status: 200,
      body: { totalResults: 'two', results: [{ key: 'gbol' }, { name: 'x' }] },
    });
    const error = await expectLinkError(get(), 'invalid-response');
    expect(error.details.map((d) => d.path)).to.include.members(['totalResults', 'results.1.key']);
    expect(await server.count(PATH)).to.equal(1);
  });

  it('turns anything a parser throws into invalid-response', async () => {
    const error = await expectLinkError(
      get({
        parse: () => {
          throw new TypeError('boom');
        },
      }),
      'invalid-response',
    );
    expect(error).to.be.instanceOf(LinkError);
  });

  for (const [status, code] of [
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [404, 'not-found'],
    [400, 'http'],
    [409, 'http'],
    [501, 'http'],
  ] as const) {
    it(`maps ${status} to ${code}, without a retry`, async () => {
      await server.fail({ path: PATH, status, body: { error: `said ${status}`, correlationId: 'corr-1' } });
      const error = await expectLinkError(get(), code);
      expect(error.status).to.equal(status);
      expect(error.message).to.equal(`said ${status}`);
      expect(error.correlationId).to.equal('corr-1');
      expect(await server.count(PATH)).to.equal(1);
    });
  }

  it('puts the vendor validation messages into details', async () => {
    await server.fail({
      path: PATH,
      status: 400,
      body: { error: 'Invalid', problems: [{ field: 'pageSize', text: 'must be at most 5000' }] },
    });
    const error = await expectLinkError(get(), 'http');
    expect(error.details).to.deep.equal([{ path: 'pageSize', message: 'must be at most 5000' }]);
  });

  it('gives a plain message when the error body is not the vendor shape', async () => {
    await server.fail({ path: PATH, status: 404, body: HTML_PAGE, type: 'text/html' });
    const error = await expectLinkError(get(), 'not-found');
    expect(error.message).to.match(/not found/i);
    expect(error.message).not.to.contain('<');
  });

  it('retries a GET whose connection dropped, and answers the next try', async () => {
    await server.fail({ path: PATH, action: 'drop' });
    const page = await get();
    expect(page.keys).to.have.length(2);
    expect(await server.count(PATH)).to.equal(2);
  });

  it('fails with network after three dropped connections', async () => {
    await server.fail({ path: PATH, action: 'drop', times: 3 });
    const error = await expectLinkError(get(), 'network');
    expect(error.retryable).to.equal(true);
    expect(await server.count(PATH)).to.equal(3);
  });

  it('fails with network, never anything else, when fetch throws something odd', async () => {
    const odd = (): Promise<Response> => Promise.reject(Object.assign(new Error(`refused ${TOKEN}`), { code: 7 }));
    const error = await expectLinkError(get({ fetch: odd, headers: { Authorization: TOKEN } }), 'network');
    expect(JSON.stringify(error)).not.to.contain('sk_live');
    expect(error.message).not.to.contain('sk_live');
  });

  it('fails with cancelled when the caller aborts mid-flight, in one request', async () => {
    await server.fail({ path: PATH, action: 'hang' });
    const controller = new AbortController();
    const pending = get({ signal: controller.signal });
    await server.arrived(PATH);
    controller.abort();
    const error = await expectLinkError(pending, 'cancelled');
    expect(error.retryable).to.equal(false);
    expect(await server.count(PATH)).to.equal(1);
  });

  it('fails with cancelled and sends nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectLinkError(get({ signal: controller.signal }), 'cancelled');
    expect(await server.count(PATH)).to.equal(0);
  });

  it('fails with cancelled when the caller aborts during the back-off', async () => {
    await server.fail({ path: PATH, status: 503, times: 3 });
    const controller = new AbortController();
    const sleepThenAbort = (_ms: number, signal?: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted')));
        controller.abort();
      });
    await expectLinkError(get({ signal: controller.signal, sleep: sleepThenAbort }), 'cancelled');
    expect(await server.count(PATH)).to.equal(1);
  });

  describe('methods that change something are sent once', () => {
    const connections = (s: VendorSession): string => `/codat/companies/${s.seed.codat.companyId}/connections`;

    it('a POST that fails with 503 reaches the server exactly once', async () => {
      await server.fail({ path: connections(server), method: 'POST', status: 503, times: 3, body: { error: 'busy' } });
      const error = await expectLinkError(
        request({
          method: 'POST',
          url: `${server.base}${connections(server)}`,
          body: { platformKey: 'gbol' },
          parse: (json) => json,
          readError,
          sleep: noSleep,
        }),
        'http',
      );
      expect(error.status).to.equal(503);
      expect(await server.count(connections(server), 'POST')).to.equal(1);
      expect(slept).to.deep.equal([]);
    });

    it('a POST whose connection dropped reaches the server exactly once', async () => {
      await server.fail({ path: connections(server), method: 'POST', action: 'drop', times: 3 });
      await expectLinkError(
        request({
          method: 'POST',
          url: `${server.base}${connections(server)}`,
          body: { platformKey: 'gbol' },
          parse: (json) => json,
          readError,
          sleep: noSleep,
        }),
        'network',
      );
      expect(await server.count(connections(server), 'POST')).to.equal(1);
    });

    it('sends the body as JSON', async () => {
      await request({
        method: 'POST',
        url: `${server.base}${connections(server)}`,
        body: { platformKey: 'gbol' },
        parse: (json) => json,
        readError,
      });
      const [seen] = await server.requests();
      expect(JSON.parse(seen!.body)).to.deep.equal({ platformKey: 'gbol' });
      expect(seen!.headers['content-type']).to.equal('application/json');
    });

    for (const method of ['PATCH', 'DELETE'] as const) {
      it(`a ${method} answered 429 with Retry-After reaches the server exactly once`, async () => {
        const path = `${connections(server)}/${server.seed.codat.connectionIds[0]}`;
        await server.fail({ path, method, status: 429, retryAfter: 1, times: 3 });
        await expectLinkError(
          request({
            method,
            url: `${server.base}${path}`,
            body: method === 'PATCH' ? { status: 'Unlinked' } : undefined,
            parse: (json) => json,
            readError,
            sleep: noSleep,
          }),
          'rate-limited',
        );
        expect(await server.count(path, method)).to.equal(1);
        expect(slept).to.deep.equal([]);
      });
    }

    it('a DELETE answered 200 with no body resolves when no body is expected', async () => {
      const path = `${connections(server)}/${server.seed.codat.connectionIds[0]}`;
      const answer = await request({
        method: 'DELETE',
        url: `${server.base}${path}`,
        parse: () => 'done',
        expectBody: false,
        readError,
      });
      expect(answer).to.equal('done');
      expect(await server.count(path, 'DELETE')).to.equal(1);
    });
  });

  it('never puts a request header value into an error, even when the server echoes it', async () => {
    await server.fail({
      path: PATH,
      status: 401,
      body: { error: `Token ${TOKEN} is not valid`, problems: [{ field: 'Authorization', text: `got ${TOKEN}` }] },
    });
    const error = await expectLinkError(get({ headers: { Authorization: TOKEN } }), 'unauthorized');
    const seen = JSON.stringify({ ...error.toJSON(), message: error.message, stack: error.stack });
    expect(seen).not.to.contain('sk_live_7f3a9c1d2e4b');
    expect(error.message).to.contain('[redacted]');
    const [request0] = await server.requests();
    expect(request0!.headers.authorization).to.equal(TOKEN);
  });
});

describe('back-off and Retry-After', () => {
  it('doubles the back-off each time, jittered between half and all of the step', () => {
    expect(backoff(1, () => 0)).to.equal(125);
    expect(backoff(1, () => 0.999999)).to.equal(250);
    expect(backoff(2, () => 0)).to.equal(250);
    expect(backoff(3, () => 1)).to.equal(1000);
    expect(backoff(20, () => 1)).to.equal(4000);
  });

  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('3', now)).to.equal(3000);
    expect(parseRetryAfter(' 0 ', now)).to.equal(0);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:59:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });
});
