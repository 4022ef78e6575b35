import { expect } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createUnifiedAdapter, type UnifiedAdapterOptions } from '../../src/adapter/unified.js';
import { LinkError } from '../../src/model/index.js';
import { loadWire } from '../helpers/wire.js';
import { describeAdapterContract, expectLinkError } from './contract.js';
import { HTML_PAGE, VendorSession } from './vendor.js';

const MISSING = '0000000000000000deadbeef';
const SESSION = 'sess-5e1f2a3b4c5d';
const SECRET = 'SECRET-PLACEHOLDER';

const returnUrl = (query: Record<string, string>): URL => {
  const url = new URL(`${location.origin}/settings/connections`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
};

describeAdapterContract('Unified', async () => {
  const server = await VendorSession.open();
  return {
    adapter: createUnifiedAdapter({
      workspaceId: server.seed.unified.workspaceId,
      connectionsUrl: server.unifiedConnections,
      apiBase: server.unifiedApi,
    }),
    linkableKey: 'hubspot',
    existingId: server.seed.unified.connectionIds[0]!,
    missingId: MISSING,
    successReturn: (state, id) => returnUrl({ id, state }),
    cancelReturn: (state) => returnUrl({ error: 'access_denied: the user cancelled', state }),
    failureReturn: (state, message) => returnUrl({ error: message, state }),
  };
});

/** A fetch that answers `[]` for everything and remembers the URLs it was asked for. */
function recordingFetch(): { urls: string[]; fetch: (input: string) => Promise<Response> } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (input: string) => {
      urls.push(input);
      return Promise.resolve(new Response('[]', { headers: { 'Content-Type': 'application/json' } }));
    },
  };
}

describe('Unified adapter', () => {
  let server: VendorSession;
  let adapter: ConnectionAdapter;
  let workspaceId: string;
  const host = '/unified-host/connection';
  const make = (options: Partial<UnifiedAdapterOptions> = {}): ConnectionAdapter =>
    createUnifiedAdapter({
      workspaceId,
      connectionsUrl: server.unifiedConnections,
      apiBase: server.unifiedApi,
      ...options,
    });

  beforeEach(async () => {
    server = await VendorSession.open();
    workspaceId = server.seed.unified.workspaceId;
    adapter = make({ headers: { 'X-Session': SESSION } });
  });

  describe('integrations', () => {
    it("reads the workspace's active integrations from the public endpoint, without the host's headers", async () => {
      const list = await adapter.listIntegrations();
      expect(list.map((i) => i.key)).to.deep.equal(server.seed.unified.integrationTypes);
      const [seen] = await server.requests();
      expect(seen!.path).to.equal(`/unified/unified/integration/workspace/${workspaceId}`);
      expect(seen!.query).to.equal('active=true&limit=100&offset=0');
      expect(seen!.headers['x-session']).to.equal(undefined);
    });

    it('sends env when given, and pages by limit and offset until a short page', async () => {
      await make({ env: 'Sandbox', pageSize: 2 }).listIntegrations();
      const seen = (await server.requests()).map((r) => r.query);
      expect(seen).to.deep.equal([
        'active=true&env=Sandbox&limit=2&offset=0',
        'active=true&env=Sandbox&limit=2&offset=2',
      ]);
    });

    for (const [region, origin] of [
      [undefined, 'https://api.unified.to'],
      ['us', 'https://api.unified.to'],
      ['eu', 'https://api-eu.unified.to'],
      ['au', 'https://api-au.unified.to'],
    ] as const) {
      it(`uses ${origin} for region ${region ?? '(default)'}`, async () => {
        const recorder = recordingFetch();
        const regional = createUnifiedAdapter({
          workspaceId: 'ws1',
          connectionsUrl: '/api/unified/connection',
          fetch: recorder.fetch,
          ...(region ? { region } : {}),
        });
        await regional.listIntegrations();
        expect(recorder.urls).to.deep.equal([
          `${origin}/unified/integration/workspace/ws1?active=true&limit=100&offset=0`,
        ]);
        const { url } = await regional.startLink('xero', { returnUrl: 'https://app.example/back', state: 's' });
        expect(new URL(url).origin).to.equal(origin);
        await regional.listConnections();
        expect(recorder.urls[1]).to.equal('/api/unified/connection?limit=100&offset=0');
      });
    }

    it("fails with not-found and Unified's message for an unknown workspace", async () => {
      const error = await expectLinkError(make({ workspaceId: 'nope' }).listIntegrations(), 'not-found');
      expect(error.message).to.equal('Workspace not found');
    });
  });

  describe('startLink', () => {
    it('builds the authorization URL locally, with exactly the parameters given', async () => {
      const full = make({
        externalXref: 'user_42',
        scopes: ['crm_contact_read', 'webhook'],
        env: 'Sandbox',
        lang: 'fr',
      });
      const back = `${location.origin}/settings?tab=connections`;
      const result = await full.startLink('hubspot', { returnUrl: back, state: 'n0nce' });
      const url = new URL(result.url);
      expect(url.origin + url.pathname).to.equal(
        `${server.unifiedApi}/unified/integration/auth/${workspaceId}/hubspot`,
      );
      expect([...url.searchParams]).to.deep.equal([
        ['success_redirect', back],
        ['failure_redirect', back],
        ['state', 'n0nce'],
        ['external_xref', 'user_42'],
        ['scopes', 'crm_contact_read'],
        ['scopes', 'webhook'],
        ['env', 'Sandbox'],
        ['lang', 'fr'],
        ['redirect', 'true'],
      ]);
      expect(result.connection).to.equal(undefined);
      expect(await server.counts()).to.deep.equal({});
    });

    it('leaves out the parameters not given', async () => {
      const result = await adapter.startLink('xero', { returnUrl: 'https://app.example/back', state: 'a b' });
      expect(result.url).to.equal(
        `${server.unifiedApi}/unified/integration/auth/${workspaceId}/xero` +
          '?success_redirect=https%3A%2F%2Fapp.example%2Fback&failure_redirect=https%3A%2F%2Fapp.example%2Fback' +
          '&state=a%20b&redirect=true',
      );
    });

    it('encodes the workspace and the integration type in the path', async () => {
      const odd = createUnifiedAdapter({ workspaceId: 'w/1', connectionsUrl: '/c' });
      const { url } = await odd.startLink('a?b', { returnUrl: 'https://app.example/', state: 's' });
      expect(new URL(url).pathname).to.equal('/unified/integration/auth/w%2F1/a%3Fb');
    });

    it('rejects with cancelled when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expectLinkError(
        adapter.startLink('xero', { returnUrl: location.href, state: 's', signal: controller.signal }),
        'cancelled',
      );
    });
  });

  describe('connections through the host', () => {
    it('pages the list by limit and offset until a short page, sending the host headers', async () => {
      const list = await make({ pageSize: 2, headers: { 'X-Session': SESSION } }).listConnections();
      expect(list.map((c) => c.id)).to.deep.equal(server.seed.unified.connectionIds);
      const seen = await server.requests();
      expect(seen.map((r) => r.query)).to.deep.equal(['limit=2&offset=0', 'limit=2&offset=2', 'limit=2&offset=4']);
      expect(seen.every((r) => r.path === host && r.headers['x-session'] === SESSION)).to.equal(true);
    });

    it('stops at maxPages', async () => {
      const list = await make({ pageSize: 2, maxPages: 2 }).listConnections();
      expect(list).to.have.length(4);
      expect(await server.count(host)).to.equal(2);
    });

    it('keeps a query the connections URL already has', async () => {
      await make({ connectionsUrl: `${server.unifiedConnections}?tenant=t1` }).listConnections();
      const [seen] = await server.requests();
      expect(seen!.query).to.equal('tenant=t1&limit=100&offset=0');
    });

    it('maps health, pause and categories, keeping unknown categories', async () => {
      const list = await adapter.listConnections();
      const [healthy, unhealthy, paused, failing, unknownCategory] = list;
      expect(healthy).to.deep.include({ integrationKey: 'hubspot', health: 'healthy', status: 'linked' });
      expect(unhealthy?.health).to.equal('unhealthy');
      expect(paused?.paused).to.equal(true);
      expect(failing?.health).to.equal('unhealthy');
      expect(unknownCategory?.categories).to.deep.equal(['commerce', 'a_category_added_next_month']);
    });

    it('gets one connection and removes it with a DELETE', async () => {
      const id = server.seed.unified.connectionIds[1]!;
      expect((await adapter.getConnection(id)).id).to.equal(id);
      await adapter.remove!(id);
      expect(await server.count(`${host}/${id}`, 'DELETE')).to.equal(1);
      await expectLinkError(adapter.getConnection(id), 'not-found');
    });

    it('has no unlink', () => {
      expect(adapter.unlink).to.equal(undefined);
    });

    it('never retries a DELETE', async () => {
      const id = server.seed.unified.connectionIds[0]!;
      await server.fail({ path: `${host}/${id}`, method: 'DELETE', status: 503, times: 3 });
      const error = await expectLinkError(adapter.remove!(id), 'http');
      expect(error.status).to.equal(503);
      await server.fail({ path: `${host}/${id}`, method: 'DELETE', action: 'drop', times: 3 });
      await expectLinkError(adapter.remove!(id), 'network');
      expect(await server.count(`${host}/${id}`, 'DELETE')).to.equal(2);
    });
  });

  describe('failures of a GET', () => {
    let id: string;
    let path: string;
    beforeEach(() => {
      id = server.seed.unified.connectionIds[0]!;
      path = `${host}/${id}`;
    });

    it('times out when the answer is slower than the timeout option, in one request', async () => {
      await server.fail({ path, delay: 3000 });
      await expectLinkError(make({ timeout: 250 }).getConnection(id), 'timeout');
      expect(await server.count(path)).to.equal(1);
    });

    it('answers after a 500 then a 200, in two requests', async () => {
      await server.fail({
        path,
        status: 500,
        body: { statusCode: 500, error: 'Internal Server Error', message: 'oops' },
      });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
    });

    it('waits out a 429 with Retry-After in seconds on the public endpoint, then answers', async () => {
      const path = `/unified/unified/integration/workspace/${workspaceId}`;
      await server.fail({
        path,
        status: 429,
        retryAfter: 1,
        body: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' },
      });
      expect(await adapter.listIntegrations()).to.have.length(3);
      expect(await server.count(path)).to.equal(2);
    });

    it('waits out a 429 with Retry-After as an HTTP date, then answers', async () => {
      await server.fail({ path, status: 429, retryAfterDate: 1 });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
    });

    it("fails with rate-limited and Unified's message when 429 persists", async () => {
      await server.fail({
        path,
        status: 429,
        times: 3,
        body: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' },
      });
      const error = await expectLinkError(adapter.getConnection(id), 'rate-limited');
      expect(error).to.deep.include({ status: 429, message: 'Slow down' });
      expect(await server.count(path)).to.equal(3);
    });

    it('fails with http 503 after three tries', async () => {
      await server.fail({ path, status: 503, times: 3 });
      const error = await expectLinkError(adapter.getConnection(id), 'http');
      expect(error.status).to.equal(503);
      expect(await server.count(path)).to.equal(3);
    });

    for (const [name, fault] of [
      ['malformed JSON', { body: '[{"id": ', type: 'application/json' }],
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

    it('fails with invalid-response naming the paths of a schema-invalid body, and no secret', async () => {
      const fixture = await loadWire<Record<string, unknown>>('unified-connection.json');
      await server.fail({ path, status: 200, body: { ...fixture, integration_type: 42, categories: 'crm' } });
      const error = await expectLinkError(adapter.getConnection(id), 'invalid-response');
      expect(error.details.map((d) => d.path)).to.include.members(['integration_type', 'categories']);
      expect(JSON.stringify(error)).not.to.contain(SECRET);
      expect(await server.count(path)).to.equal(1);
    });

    for (const [status, code] of [
      [401, 'unauthorized'],
      [403, 'unauthorized'],
      [404, 'not-found'],
    ] as const) {
      it(`fails with ${code} on ${status} with Unified's message, in one request`, async () => {
        await server.fail({ path, status, body: { statusCode: status, error: 'Nope', message: `Said ${status}` } });
        const error = await expectLinkError(adapter.getConnection(id), code);
        expect(error).to.deep.include({ status, message: `Said ${status}` });
        expect(await server.count(path)).to.equal(1);
      });
    }

    it('retries after a dropped connection, then answers', async () => {
      await server.fail({ path, action: 'drop' });
      expect((await adapter.getConnection(id)).id).to.equal(id);
      expect(await server.count(path)).to.equal(2);
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
      await server.fail({
        path,
        status: 403,
        body: { statusCode: 403, error: 'Forbidden', message: `session ${SESSION}` },
      });
      const error = await expectLinkError(adapter.getConnection(id), 'unauthorized');
      expect(JSON.stringify(error) + error.message).not.to.contain(SESSION);
    });
  });

  it('lets no secret placeholder of the fixtures reach a result or an error', async () => {
    const seen: unknown[] = [];
    seen.push(await adapter.listConnections());
    for (const id of server.seed.unified.connectionIds) seen.push(await adapter.getConnection(id));
    const list = await loadWire<unknown[]>('unified-connections-list.json');
    await server.fail(
      { path: host, status: 200, body: [...list, { auth: { access_token: `<${SECRET}-x>` } }] },
      { path: `${host}/*`, status: 500, times: 3, body: { statusCode: 500, error: 'Internal Server Error' } },
    );
    for (const attempt of [adapter.listConnections(), adapter.getConnection(server.seed.unified.connectionIds[0]!)]) {
      try {
        await attempt;
      } catch (error) {
        expect(LinkError.is(error)).to.equal(true);
        seen.push((error as LinkError).toJSON(), (error as LinkError).message);
      }
    }
    expect(seen).to.have.length(1 + server.seed.unified.connectionIds.length + 4);
    expect(JSON.stringify(seen)).not.to.contain(SECRET);
    expect(JSON.stringify(seen)).to.contain(server.seed.unified.connectionIds[1]);
  });

  describe('readReturn', () => {
    const cases: [string, Record<string, string>, unknown][] = [
      ['an id', { id: 'conn_1', state: 's' }, { outcome: 'success', connectionId: 'conn_1', state: 's' }],
      [
        'an error',
        { error: 'Token exchange failed', state: 's' },
        { outcome: 'failed', message: 'Token exchange failed', state: 's' },
      ],
      [
        'access_denied',
        { error: 'access_denied', state: 's' },
        { outcome: 'cancelled', message: 'access_denied', state: 's' },
      ],
      [
        'a cancel message',
        { error: 'The user cancelled the authorization', state: 's' },
        { outcome: 'cancelled', message: 'The user cancelled the authorization', state: 's' },
      ],
      ['an empty error', { error: '' }, { outcome: 'failed', message: 'The authorization failed.' }],
      ['an id without state', { id: 'conn_2' }, { outcome: 'success', connectionId: 'conn_2' }],
    ];
    for (const [name, query, expected] of cases) {
      it(`reads ${name}`, () => {
        expect(adapter.readReturn(returnUrl(query))).to.deep.equal(expected);
      });
    }

    it('answers null with neither id nor error', () => {
      expect(adapter.readReturn(returnUrl({ state: 's' }))).to.equal(null);
      expect(adapter.readReturn(returnUrl({}))).to.equal(null);
    });
  });
});
