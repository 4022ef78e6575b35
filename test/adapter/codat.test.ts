import { expect } from '@open-wc/testing';
import { createCodatAdapter, type CodatAdapterOptions } from '../../src/adapter/codat.js';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { loadWire } from '../helpers/wire.js';
import { describeAdapterContract, expectLinkError } from './contract.js';
import { HTML_PAGE, VendorSession } from './vendor.js';

/** The id in Codat's own 404 example: no connection has it. */
const MISSING = 'a22dd66b-564a-4832-9b37-7b3ce4aeb7de';
const CSRF = 'csrf-9d8c7b6a5f4e';

const returnUrl = (query: Record<string, string>): URL => {
  const url = new URL(`${location.origin}/settings/connections`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
};

describeAdapterContract('Codat', async () => {
  const server = await VendorSession.open();
  return {
    adapter: createCodatAdapter({ baseUrl: server.codatBase, companyId: server.seed.codat.companyId }),
    linkableKey: 'gbol',
    existingId: server.seed.codat.connectionIds[0]!,
    missingId: MISSING,
    successReturn: (state, connectionId) => returnUrl({ connectionId, statusCode: '200', state }),
    cancelReturn: (state) => returnUrl({ statusCode: '403', state }),
    failureReturn: (state, message) => returnUrl({ statusCode: '500', errorMessage: message, state }),
  };
});

describe('Codat adapter', () => {
  let server: VendorSession;
  let connections: string;
  let adapter: ConnectionAdapter;
  const make = (options: Partial<CodatAdapterOptions> = {}): ConnectionAdapter =>
    createCodatAdapter({ baseUrl: server.codatBase, companyId: server.seed.codat.companyId, ...options });
  const connectionPath = (id: string): string => `${connections}/${id}`;

  beforeEach(async () => {
    server = await VendorSession.open();
    connections = `/codat/companies/${server.seed.codat.companyId}/connections`;
    adapter = make({ headers: { 'X-CSRF-Token': CSRF } });
  });

  describe('paged lists', () => {
    it('reads every page of connections, in order, until totalResults', async () => {
      const list = await adapter.listConnections();
      expect(list.map((c) => c.id)).to.deep.equal(server.seed.codat.connectionIds);
      const seen = (await server.requests()).map((r) => r.query);
      expect(seen).to.deep.equal(['page=1&pageSize=100', 'page=2&pageSize=100', 'page=3&pageSize=100']);
    });

    it('maps Codat statuses, health and issues into the model', async () => {
      const list = await adapter.listConnections();
      const byId = new Map(list.map((c) => [c.id, c]));
      const [first, second, third] = server.seed.codat.connectionIds;
      expect(byId.get(first!)).to.deep.include({ status: 'linked', integrationKey: 'dfxm', integrationName: 'Basiq' });
      expect(byId.get(second!)?.status).to.equal('pending');
      expect(byId.get(third!)).to.deep.include({ status: 'deauthorized', health: 'unhealthy' });
      expect(byId.get(third!)?.issues[0]).to.deep.include({ message: 'The access token was revoked.', active: true });
    });

    it('reads every page of integrations', async () => {
      const list = await adapter.listIntegrations();
      expect(list.map((i) => i.key)).to.deep.equal(server.seed.codat.integrationKeys);
      expect(await server.count('/codat/integrations', 'GET')).to.equal(2);
    });

    it('asks for the page size given', async () => {
      const list = await make({ pageSize: 2 }).listConnections();
      expect(list).to.have.length(7);
      const seen = (await server.requests()).map((r) => r.query);
      expect(seen).to.deep.equal([1, 2, 3, 4].map((n) => `page=${n}&pageSize=2`));
    });

    it('stops at maxPages', async () => {
      const list = await make({ maxPages: 2 }).listConnections();
      expect(list).to.have.length(2 * server.seed.codat.pageCap);
      expect(await server.count(connections, 'GET')).to.equal(2);
    });

    it('stops at an empty page even when totalResults says there is more', async () => {
      const page = await loadWire<Record<string, unknown>>('codat-connections-page.json');
      await server.fail(
        { path: connections, query: 'page=1', status: 200, body: { ...page, totalResults: 50 } },
        { path: connections, query: 'page=2', status: 200, body: { ...page, results: [], totalResults: 50 } },
      );
      const list = await adapter.listConnections();
      expect(list).to.have.length(2);
      expect(await server.count(connections)).to.equal(2);
    });

    it('fails the whole list when a later page fails, after its retries', async () => {
      await server.fail({ path: connections, query: 'page=2', status: 503, times: 3 });
      const error = await expectLinkError(adapter.listConnections(), 'http');
      expect(error.status).to.equal(503);
      expect(await server.count(connections)).to.equal(4);
    });
  });

  describe('startLink', () => {
    it('creates the connection with platformKey and adds the state to its linkUrl, keeping its query', async () => {
      const state = 'st one&two';
      const result = await adapter.startLink('gbol', { returnUrl: `${location.origin}/back`, state });
      expect(result.connection?.status).to.equal('pending');
      expect(result.connection?.integrationKey).to.equal('gbol');
      expect(result.url).to.equal(`${result.connection!.linkUrl}&state=st%20one%26two`);
      const url = new URL(result.url);
      expect(url.searchParams.get('otp')).to.equal('4f2a');
      expect(url.searchParams.get('lang')).to.equal('en');
      expect(url.searchParams.get('state')).to.equal(state);
      const [post] = await server.requests();
      expect(post).to.deep.include({ method: 'POST', path: connections });
      expect(JSON.parse(post!.body)).to.deep.equal({ platformKey: 'gbol' });
      expect(post!.headers['x-csrf-token']).to.equal(CSRF);
    });

    it('uses the state parameter name given', async () => {
      const result = await make({ stateParam: 'lf_state' }).startLink('dfxm', {
        returnUrl: location.href,
        state: 's1',
      });
      expect(new URL(result.url).searchParams.get('lf_state')).to.equal('s1');
      expect(new URL(result.url).searchParams.has('state')).to.equal(false);
    });

    it('re-authorizes an existing connection through its own linkUrl, creating nothing', async () => {
      const [id] = server.seed.codat.connectionIds;
      const fixture = await loadWire<{ linkUrl: string }>('codat-connection.json');
      const result = await adapter.startLink('dfxm', { returnUrl: location.href, state: 'again', connectionId: id! });
      expect(result.url).to.equal(`${fixture.linkUrl}?state=again`);
      expect(result.connection?.id).to.equal(id);
      expect(await server.counts()).to.deep.equal({ [`GET ${connectionPath(id!)}`]: 1 });
    });

    it('re-authorizes keeping the query an existing linkUrl has', async () => {
      const id = server.seed.codat.connectionIds[2]!;
      const result = await adapter.startLink('qhyg', { returnUrl: location.href, state: 'x', connectionId: id });
      expect(result.url).to.match(/\/start\?otp=7c1e&state=x$/);
    });

    it('answers not-found when re-authorizing a connection that is gone', async () => {
      await expectLinkError(
        adapter.startLink('gbol', { returnUrl: location.href, state: 's', connectionId: MISSING }),
        'not-found',
      );
      expect(await server.count(connections, 'POST')).to.equal(0);
    });

    it('reports Codat validation messages for an unknown platform key', async () => {
      const error = await expectLinkError(adapter.startLink('zzzz', { returnUrl: location.href, state: 's' }), 'http');
      expect(error.status).to.equal(400);
      expect(error.details).to.deep.equal([{ path: 'platformKey', message: 'Unknown platform key "zzzz".' }]);
      expect(error.correlationId).to.match(/^[0-9a-f]{32}$/);
    });

    for (const [name, fault, code] of [
      ['a 500', { status: 500, body: { statusCode: 500, error: 'Internal error' } }, 'http'],
      ['a 503 with Retry-After', { status: 503, retryAfter: 1 }, 'http'],
      ['a 429 with Retry-After', { status: 429, retryAfter: 1 }, 'rate-limited'],
      ['a dropped connection', { action: 'drop' }, 'network'],
    ] as const) {
      it(`sends the POST exactly once when it fails with ${name}`, async () => {
        await server.fail({ path: connections, method: 'POST', times: 3, ...fault });
        await expectLinkError(adapter.startLink('gbol', { returnUrl: location.href, state: 's' }), code);
        expect(await server.count(connections, 'POST')).to.equal(1);
      });
    }

    it('refuses a linkUrl that is not a web address', async () => {
      const fixture = await loadWire<Record<string, unknown>>('codat-connection.json');
      await server.fail({
        path: connections,
        method: 'POST',
        status: 200,
        body: { ...fixture, linkUrl: 'javascript:alert(1)' },
      });
      await expectLinkError(adapter.startLink('gbol', { returnUrl: location.href, state: 's' }), 'unsafe-url');
    });
  });

  describe('unlink and remove', () => {
    it('unlinks with a PATCH of status Unlinked', async () => {
      const id = server.seed.codat.connectionIds[0]!;
      const connection = await adapter.unlink!(id);
      expect(connection.status).to.equal('unlinked');
      const [patch] = await server.requests();
      expect(patch).to.deep.include({ method: 'PATCH', path: connectionPath(id) });
      expect(JSON.parse(patch!.body)).to.deep.equal({ status: 'Unlinked' });
    });

    it('removes with a DELETE answered with no body', async () => {
      const id = server.seed.codat.connectionIds[1]!;
      await adapter.remove!(id);
      expect(await server.count(connectionPath(id), 'DELETE')).to.equal(1);
      expect((await adapter.listConnections()).map((c) => c.id)).not.to.include(id);
    });

    for (const method of ['PATCH', 'DELETE'] as const) {
      it(`never retries a ${method}, even on 503 or a dropped connection`, async () => {
        const id = server.seed.codat.connectionIds[0]!;
        const run = (): Promise<unknown> => (method === 'PATCH' ? adapter.unlink!(id) : adapter.remove!(id));
        await server.fail({ path: connectionPath(id), method, status: 503, times: 3 });
        await expectLinkError(run(), 'http');
        await server.fail({ path: connectionPath(id), method, action: 'drop', times: 3 });
        await expectLinkError(run(), 'network');
        expect(await server.count(connectionPath(id), method)).to.equal(2);
      });
    }
  });

  describe('failures of a GET', () => {
    let id: string;
    let path: string;
    beforeEach(() => {
      id = server.seed.codat.connectionIds[0]!;
      path = connectionPath(id);
    });

    it('times out when the answer is slower than the timeout option, in one request', async () => {
      await server.fail({ path, delay: 3000 });
      await expectLinkError(make({ timeout: 250 }).getConnection(id), 'timeout');
      expect(await server.count(path)).to.equal(1);
    });

    it('answers after a 500 then a 200, in two requests', async () => {
      await server.fail({ path, status: 500, body: { statusCode: 500, error: 'Internal error' } });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
    });

    it('waits out a 429 with Retry-After in seconds, then answers', async () => {
      await server.fail({ path, status: 429, retryAfter: 1, body: { statusCode: 429, error: 'Too many requests' } });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
    });

    it('waits out a 429 with Retry-After as an HTTP date, then answers', async () => {
      await server.fail({ path, status: 429, retryAfterDate: 1 });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
    });

    it('fails with http 503 after three tries', async () => {
      await server.fail({ path, status: 503, times: 3, body: { statusCode: 503, error: 'Service unavailable' } });
      const error = await expectLinkError(adapter.getConnection(id), 'http');
      expect(error).to.deep.include({ status: 503, message: 'Service unavailable', retryable: true });
      expect(await server.count(path)).to.equal(3);
    });

    for (const [name, fault] of [
      ['malformed JSON', { body: '{"id": "ee2eb431', type: 'application/json' }],
      ['an HTML error page', { body: HTML_PAGE, type: 'text/html' }],
      ['an empty body', { body: '', type: 'application/json' }],
      ['a wrong content type', { body: '{}', type: 'text/plain' }],
    ] as const) {
      it(`fails with invalid-response on ${name}, in one request`, async () => {
        await server.fail({ path, status: 200, ...fault });
        await expectLinkError(adapter.getConnection(id), 'invalid-response');
        expect(await server.count(path)).to.equal(1);
      });
    }

    it('fails with invalid-response naming the paths of a schema-invalid body', async () => {
      const fixture = await loadWire<Record<string, unknown>>('codat-connection.json');
      await server.fail({ path, status: 200, body: { ...fixture, status: 'Sideways', platformName: 7 } });
      const error = await expectLinkError(adapter.getConnection(id), 'invalid-response');
      expect(error.details.map((d) => d.path)).to.include.members(['status', 'platformName']);
      expect(await server.count(path)).to.equal(1);
    });

    for (const [status, code] of [
      [401, 'unauthorized'],
      [403, 'unauthorized'],
    ] as const) {
      it(`fails with ${code} on ${status} with Codat's message, in one request`, async () => {
        await server.fail({
          path,
          status,
          body: {
            statusCode: status,
            service: 'PublicApi',
            error: 'The API key is not valid.',
            correlationId: 'c0ffee',
          },
        });
        const error = await expectLinkError(adapter.getConnection(id), code);
        expect(error).to.deep.include({ status, message: 'The API key is not valid.', correlationId: 'c0ffee' });
        expect(await server.count(path)).to.equal(1);
      });
    }

    it("fails with not-found on 404, reading Codat's error body", async () => {
      const body = await loadWire<{ error: string; correlationId: string }>('codat-error.json');
      await server.fail({ path, status: 404, body });
      const error = await expectLinkError(adapter.getConnection(id), 'not-found');
      expect(error).to.deep.include({ status: 404, message: body.error, correlationId: body.correlationId });
      expect(await server.count(path)).to.equal(1);
    });

    it('retries after a dropped connection, then answers', async () => {
      await server.fail({ path, action: 'drop' });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
    });

    it('fails with network after three dropped connections', async () => {
      await server.fail({ path, action: 'drop', times: 3 });
      await expectLinkError(adapter.getConnection(id), 'network');
      expect(await server.count(path)).to.equal(3);
    });

    it('fails with cancelled when aborted mid-flight, in one request', async () => {
      await server.fail({ path, action: 'hang' });
      const controller = new AbortController();
      const pending = adapter.getConnection(id, { signal: controller.signal });
      await server.arrived(path);
      controller.abort();
      await expectLinkError(pending, 'cancelled');
      expect(await server.count(path)).to.equal(1);
    });

    it('never puts its headers into an error, even when the backend echoes them', async () => {
      await server.fail({ path, status: 401, body: { statusCode: 401, error: `Bad CSRF token ${CSRF}` } });
      const error = await expectLinkError(adapter.getConnection(id), 'unauthorized');
      expect(JSON.stringify(error)).not.to.contain(CSRF);
      expect(error.message).not.to.contain(CSRF);
    });
  });

  describe('readReturn', () => {
    const cases: [string, Record<string, string>, unknown][] = [
      [
        '200',
        { statusCode: '200', connectionId: 'c1', state: 's' },
        { outcome: 'success', connectionId: 'c1', state: 's' },
      ],
      [
        '403',
        { statusCode: '403', connectionId: 'c1', state: 's' },
        { outcome: 'cancelled', connectionId: 'c1', state: 's' },
      ],
      [
        '500',
        { statusCode: '500', errorMessage: 'Xero said no', state: 's' },
        { outcome: 'failed', message: 'Xero said no', state: 's' },
      ],
      [
        '201',
        { statusCode: '201', state: 's' },
        { outcome: 'failed', message: 'The connection was not completed.', state: 's' },
      ],
      [
        '501',
        { statusCode: '501', state: 's' },
        { outcome: 'failed', message: 'This integration is not supported.', state: 's' },
      ],
      [
        'an unknown code',
        { statusCode: '418', state: 's' },
        { outcome: 'failed', message: 'Codat answered status 418.', state: 's' },
      ],
    ];
    for (const [name, query, expected] of cases) {
      it(`reads statusCode ${name}`, () => {
        expect(adapter.readReturn(returnUrl(query))).to.deep.equal(expected);
      });
    }

    it('answers null without a statusCode parameter', () => {
      expect(adapter.readReturn(returnUrl({ connectionId: 'c1', state: 's' }))).to.equal(null);
      expect(adapter.readReturn(returnUrl({}))).to.equal(null);
    });

    it('reads the parameter names given', () => {
      const custom = make({
        returnParams: { statusCode: 'code', connectionId: 'cid', errorMessage: 'why', state: 'lf' },
      });
      expect(custom.readReturn(returnUrl({ code: '200', cid: 'c9', lf: 'n1' }))).to.deep.equal({
        outcome: 'success',
        connectionId: 'c9',
        state: 'n1',
      });
      expect(custom.readReturn(returnUrl({ code: '500', why: 'Broken', lf: 'n2' }))).to.deep.include({
        outcome: 'failed',
        message: 'Broken',
      });
      expect(custom.readReturn(returnUrl({ statusCode: '200' }))).to.equal(null);
    });
  });
});
