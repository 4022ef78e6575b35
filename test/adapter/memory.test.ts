import { expect } from '@open-wc/testing';
import {
  completeMemoryConsent,
  createMemoryAdapter,
  readMemoryConsent,
  type MemoryAdapter,
  type MemoryStorage,
} from '../../src/adapter/memory.js';
import { catalogueConnections, catalogueIntegrations, MEMORY_CATALOGUES } from '../../src/adapter/memory-catalogue.js';
import { initials, letterLogo } from '../../src/adapter/logos.js';
import {
  CONNECTION_HEALTHS,
  CONNECTION_STATUSES,
  ConnectionSchema,
  IntegrationSchema,
  LinkError,
  type Connection,
  type Integration,
} from '../../src/model/index.js';
import { describeAdapterContract, expectLinkError } from './contract.js';

const RETURN = `${location.origin}/app/settings?tab=links`;
const NOW = Date.parse('2026-03-01T12:00:00Z');

function returnUrl(params: Record<string, string>): URL {
  const url = new URL(RETURN);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
}

/** A Storage stand-in two adapters can share. */
function fakeStorage(): MemoryStorage & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** Counts timers made while it is installed, and which of them are still pending. */
function trackTimers(): { readonly delays: number[]; live(): number; restore(): void } {
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const live = new Set<ReturnType<typeof setTimeout>>();
  const delays: number[] = [];
  globalThis.setTimeout = ((handler: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    const id = realSet(() => {
      live.delete(id);
      handler();
    }, ms);
    live.add(id);
    return id;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((id: ReturnType<typeof setTimeout>) => {
    live.delete(id);
    realClear(id);
  }) as typeof clearTimeout;
  return {
    delays,
    live: () => live.size,
    restore() {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}

function harness(adapter: MemoryAdapter) {
  return {
    adapter,
    linkableKey: 'gbol',
    existingId: 'conn_xero',
    missingId: 'conn_nope',
    successReturn: (state: string, connectionId: string) =>
      returnUrl({ lf_state: state, lf_connection: connectionId, lf_outcome: 'approved' }),
    cancelReturn: (state: string) => returnUrl({ lf_state: state, lf_outcome: 'denied' }),
    failureReturn: (state: string, message: string) =>
      returnUrl({ lf_state: state, lf_outcome: 'failed', lf_error: message }),
  };
}

describeAdapterContract('memory adapter', () => harness(createMemoryAdapter()));
describeAdapterContract('memory adapter on a storage', () => harness(createMemoryAdapter({ storage: fakeStorage() })));

function contrastWithWhite(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

describe('memory adapter: the seeded catalogue', () => {
  it('mixes both vendors in at least 40 integrations across the main categories', async () => {
    const integrations = await createMemoryAdapter().listIntegrations();
    expect(integrations.length).to.be.at.least(40);
    const categories = new Set(integrations.flatMap((i) => i.categories));
    for (const category of [
      'accounting',
      'banking',
      'commerce',
      'crm',
      'hris',
      'ats',
      'ticketing',
      'storage',
      'martech',
      'payment',
    ]) {
      expect([...categories], category).to.include(category);
    }
    const keys = new Map(integrations.map((i) => [i.name, i.key]));
    expect(keys.get('QuickBooks Online')).to.equal('qhyg');
    expect(keys.get('Xero')).to.equal('gbol');
    expect(keys.get('HubSpot')).to.equal('hubspot');
    expect(keys.get('Salesforce')).to.equal('salesforce');
    expect(keys.get('BambooHR')).to.equal('bamboohr');
    expect(integrations.filter((i) => !i.enabled).length).to.be.within(2, 10);
    expect(integrations.filter((i) => i.beta).length).to.be.within(2, 12);
  });

  it('gives every integration a colour white letters read on, and no logo URL to drop', () => {
    for (const catalogue of MEMORY_CATALOGUES) {
      for (const integration of catalogueIntegrations(catalogue)) {
        expect(IntegrationSchema.safeParse(integration).success).to.equal(true);
        expect(integration.logoUrl, integration.name).to.equal(undefined);
        expect(integration.color, integration.name).to.match(/^#[0-9a-f]{6}$/);
        expect(contrastWithWhite(integration.color as string), integration.name).to.be.at.least(4.5);
      }
    }
  });

  it('keys the Codat-like catalogue by four-letter platform keys and source types', async () => {
    const integrations = await createMemoryAdapter({ catalogue: 'codat' }).listIntegrations();
    expect(integrations.length).to.be.at.least(20);
    for (const integration of integrations) expect(integration.key).to.match(/^[a-z]{4}$/);
    expect(new Set(integrations.flatMap((i) => i.categories))).to.have.keys(
      'accounting',
      'banking',
      'commerce',
      'expense',
    );
  });

  it('keys the Unified-like catalogue by integration type with Unified categories', async () => {
    const integrations = await createMemoryAdapter({ catalogue: 'unified' }).listIntegrations();
    expect(integrations.length).to.be.at.least(40);
    const hubspot = integrations.find((i) => i.key === 'hubspot');
    expect(hubspot?.categories).to.deep.equal(['crm', 'martech', 'ticketing']);
    expect(integrations.map((i) => i.key)).to.include.members(['quickbooks', 'xero', 'salesforce']);
    expect(integrations.map((i) => i.key)).not.to.include('gbol');
  });

  it('seeds connections in every status and health, one paused, dated relative to now', async () => {
    for (const catalogue of MEMORY_CATALOGUES) {
      const adapter = createMemoryAdapter({ catalogue, now: () => NOW });
      const [connections, integrations] = await Promise.all([adapter.listConnections(), adapter.listIntegrations()]);
      const keys = new Set(integrations.map((i) => i.key));
      for (const c of connections) {
        expect(ConnectionSchema.safeParse(c).success, c.id).to.equal(true);
        expect(keys.has(c.integrationKey), `${catalogue}: ${c.integrationKey}`).to.equal(true);
        expect(Date.parse(c.createdAt as string)).to.be.at.most(NOW);
        expect(Date.parse(c.updatedAt as string)).to.be.within(Date.parse(c.createdAt as string), NOW);
      }
      expect(new Set(connections.map((c) => c.status)), catalogue).to.have.keys(...CONNECTION_STATUSES);
      expect(new Set(connections.map((c) => c.health)), catalogue).to.have.keys(...CONNECTION_HEALTHS);
      expect(connections.filter((c) => c.paused).length, catalogue).to.equal(1);
      for (const c of connections.filter((x) => x.health === 'unhealthy')) {
        expect(
          c.issues.some((i) => i.active),
          c.id,
        ).to.equal(true);
      }
    }
  });

  it('dates the seed from the injected clock', () => {
    const [first] = catalogueConnections('mixed', NOW);
    const [later] = catalogueConnections('mixed', NOW + 86_400_000);
    expect(Date.parse(later?.createdAt as string) - Date.parse(first?.createdAt as string)).to.equal(86_400_000);
  });

  it('draws lettered logos as SVG data URIs, escaping the name', () => {
    expect(initials('Google Drive')).to.equal('GD');
    expect(initials('Xero')).to.equal('X');
    expect(initials('  ')).to.equal('?');
    const uri = letterLogo('<b>old Co', '#123456');
    expect(uri.startsWith('data:image/svg+xml,')).to.equal(true);
    const svg = decodeURIComponent(uri.slice('data:image/svg+xml,'.length));
    expect(svg).to.contain('fill="#123456"');
    expect(svg).to.contain('>&lt;C</text>');
    expect(decodeURIComponent(letterLogo('X', 'red" onload="x'))).not.to.contain('onload');
  });
});

describe('memory adapter: latency', () => {
  let timers: ReturnType<typeof trackTimers>;
  beforeEach(() => {
    timers = trackTimers();
  });
  afterEach(() => timers.restore());

  it('makes no timer at all without latency', async () => {
    await createMemoryAdapter().listConnections();
    expect(timers.delays).to.deep.equal([]);
  });

  it('delays every call by a fixed latency', async () => {
    const adapter = createMemoryAdapter({ latency: 37 });
    await adapter.listIntegrations();
    await adapter.getConnection('conn_xero');
    expect(timers.delays).to.deep.equal([37, 37]);
  });

  it('delays calls by a random latency within its range', async () => {
    const adapter = createMemoryAdapter({ latency: { min: 5, max: 15 } });
    await Promise.all(Array.from({ length: 8 }, () => adapter.listConnections()));
    expect(timers.delays).to.have.length(8);
    for (const ms of timers.delays) expect(ms).to.be.within(5, 15);
  });

  it('stops waiting, clears its timer and changes nothing when the call is aborted', async () => {
    const adapter = createMemoryAdapter({ latency: 10_000 });
    const controller = new AbortController();
    const started = adapter.startLink('gbol', { returnUrl: RETURN, state: 's', signal: controller.signal });
    expect(timers.live()).to.equal(1);
    controller.abort();
    await expectLinkError(started, 'cancelled');
    expect(timers.live()).to.equal(0);
    adapter.setLatency(0);
    const xero = (await adapter.listConnections()).filter((c) => c.integrationKey === 'gbol');
    expect(xero.map((c) => c.status)).to.deep.equal(['linked']);
  });

  it('rejects a negative latency', () => {
    expect(() => createMemoryAdapter({ latency: -1 })).to.throw(LinkError);
    expect(() => createMemoryAdapter({ latency: { min: 1, max: Number.NaN } })).to.throw(LinkError);
  });
});

describe('memory adapter: injected failures', () => {
  it('fails every call of a method with the code given, and no other method', async () => {
    const adapter = createMemoryAdapter({ failures: { listConnections: 'unauthorized' } });
    const first = await expectLinkError(adapter.listConnections(), 'unauthorized');
    expect(first.status).to.equal(401);
    expect(first.message).to.be.a('string').and.not.equal('');
    await expectLinkError(adapter.listConnections(), 'unauthorized');
    expect((await adapter.getConnection('conn_xero')).id).to.equal('conn_xero');
  });

  it('fails with the very LinkError given', async () => {
    const error = new LinkError('rate-limited', 'Slow down', { status: 429, correlationId: 'corr-1' });
    const adapter = createMemoryAdapter({ failures: { getConnection: error } });
    let caught: unknown;
    try {
      await adapter.getConnection('conn_xero');
    } catch (e) {
      caught = e;
    }
    expect(caught).to.equal(error);
  });

  it('fails the next N calls with network, then succeeds', async () => {
    const adapter = createMemoryAdapter({ failures: { listIntegrations: 2 } });
    const error = await expectLinkError(adapter.listIntegrations(), 'network');
    expect(error.retryable).to.equal(true);
    await expectLinkError(adapter.listIntegrations(), 'network');
    expect((await adapter.listIntegrations()).length).to.be.greaterThan(0);
  });

  it('changes failures at run time', async () => {
    const adapter = createMemoryAdapter();
    adapter.setFailure('unlink', 'http');
    const error = await expectLinkError(adapter.unlink('conn_xero'), 'http');
    expect(error.status).to.equal(500);
    adapter.setFailure('unlink', undefined);
    expect((await adapter.unlink('conn_xero')).status).to.equal('unlinked');
  });

  it('applies no change when startLink or remove fails', async () => {
    const adapter = createMemoryAdapter({ failures: { startLink: 'provider', remove: 'timeout' } });
    const before = await adapter.listConnections();
    await expectLinkError(adapter.startLink('gbol', { returnUrl: RETURN, state: 's' }), 'provider');
    await expectLinkError(adapter.remove('conn_xero'), 'timeout');
    expect(await adapter.listConnections()).to.deep.equal(before);
  });

  it('refuses a failure that is no code, error or count', () => {
    expect(() => createMemoryAdapter({ failures: { listConnections: 'boom' as never } })).to.throw(LinkError);
    expect(() => createMemoryAdapter({ failures: { listConnections: -1 } })).to.throw(LinkError);
    expect(() => createMemoryAdapter().setFailure('explode' as never, 'network')).to.throw(LinkError);
  });
});

describe('memory adapter: custom seed', () => {
  const integrations: Integration[] = [
    { key: 'acme', name: 'Acme Books', categories: ['accounting'], enabled: true, beta: false, color: '#224466' },
    { key: 'zeta', name: 'Zeta CRM', categories: ['crm'], enabled: false, beta: true },
  ];
  const connections: Connection[] = [
    {
      id: 'c1',
      integrationKey: 'acme',
      integrationName: 'Acme Books',
      status: 'linked',
      health: 'healthy',
      paused: false,
      categories: ['accounting'],
      issues: [],
    },
  ];

  it('serves the seed given, as copies', async () => {
    const adapter = createMemoryAdapter({ seed: { integrations, connections } });
    expect(await adapter.listIntegrations()).to.deep.equal(integrations);
    const listed = await adapter.listConnections();
    expect(listed).to.deep.equal(connections);
    listed[0]!.status = 'deauthorized';
    listed[0]!.issues.push({ message: 'x', active: true });
    expect(await adapter.getConnection('c1')).to.deep.equal(connections[0]);
  });

  it('keeps the catalogue connections of the integrations given when no connections are', async () => {
    const xero = catalogueIntegrations('mixed').find((i) => i.key === 'gbol') as Integration;
    const adapter = createMemoryAdapter({ seed: { integrations: [xero] } });
    expect((await adapter.listConnections()).map((c) => c.id)).to.deep.equal(['conn_xero']);
  });

  it('refuses to link a disabled integration or an unknown one', async () => {
    const adapter = createMemoryAdapter({ seed: { integrations, connections } });
    const disabled = await expectLinkError(adapter.startLink('zeta', { returnUrl: RETURN, state: 's' }), 'provider');
    expect(disabled.message).to.contain('Zeta CRM');
    await expectLinkError(adapter.startLink('nope', { returnUrl: RETURN, state: 's' }), 'not-found');
  });

  it('throws a LinkError naming the path of an invalid integration', () => {
    const bad = [{ ...integrations[0], key: '' }, { name: 'No key' }];
    try {
      createMemoryAdapter({ seed: { integrations: bad as never } });
      expect.fail('expected a LinkError');
    } catch (error) {
      expect(LinkError.is(error)).to.equal(true);
      const e = error as LinkError;
      expect(e.code).to.equal('invalid-response');
      expect(e.message).to.contain('seed of integrations');
      expect(e.details.map((d) => d.path)).to.include.members(['0.key', '1.key']);
    }
  });

  it('throws a LinkError naming the path of an invalid connection', () => {
    const bad = [{ ...connections[0], status: 'Linked' }];
    try {
      createMemoryAdapter({ seed: { connections: bad as never } });
      expect.fail('expected a LinkError');
    } catch (error) {
      expect((error as LinkError).code).to.equal('invalid-response');
      expect((error as LinkError).details.map((d) => d.path)).to.deep.equal(['0.status']);
    }
  });

  it('throws a LinkError for a key or id given twice', () => {
    expect(() => createMemoryAdapter({ seed: { integrations: [integrations[0]!, integrations[0]!] } })).to.throw(
      LinkError,
      /twice/,
    );
    expect(() => createMemoryAdapter({ seed: { connections: [connections[0]!, connections[0]!] } })).to.throw(
      LinkError,
      /twice/,
    );
  });
});

describe('memory adapter: links and consent', () => {
  it('answers a consent URL on the return origin carrying the request, and a pending connection', async () => {
    const adapter = createMemoryAdapter({ now: () => NOW });
    const { url, connection } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'st-1' });
    const consent = new URL(url);
    expect(consent.origin).to.equal(location.origin);
    expect(consent.pathname).to.equal('/demo/consent.html');
    expect(consent.searchParams.get('state')).to.equal('st-1');
    expect(consent.searchParams.get('integration')).to.equal('gbol');
    expect(consent.searchParams.get('return')).to.equal(RETURN);
    expect(consent.searchParams.get('connection')).to.equal(connection?.id);
    expect(connection).to.deep.include({
      integrationKey: 'gbol',
      integrationName: 'Xero',
      status: 'pending',
      health: 'unknown',
      createdAt: new Date(NOW).toISOString(),
    });
    expect((await adapter.getConnection(connection!.id)).status).to.equal('pending');
  });

  it('re-uses the connection it is asked to re-authorize, and a pending one to the same integration', async () => {
    const adapter = createMemoryAdapter();
    const again = await adapter.startLink('qhyg', { returnUrl: RETURN, state: 's', connectionId: 'conn_quickbooks' });
    expect(again.connection?.id).to.equal('conn_quickbooks');
    expect(new URL(again.url).searchParams.get('connection')).to.equal('conn_quickbooks');
    const first = await adapter.startLink('pcaj', { returnUrl: RETURN, state: 'a' });
    expect(first.connection?.id).to.equal('conn_shopify');
    const count = (await adapter.listConnections()).length;
    const made = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'b' });
    const madeAgain = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'c' });
    expect(madeAgain.connection?.id).to.equal(made.connection?.id);
    expect((await adapter.listConnections()).length).to.equal(count + 1);
  });

  it('refuses to re-authorize a missing connection or one of another integration', async () => {
    const adapter = createMemoryAdapter();
    await expectLinkError(
      adapter.startLink('gbol', { returnUrl: RETURN, state: 's', connectionId: 'nope' }),
      'not-found',
    );
    await expectLinkError(
      adapter.startLink('gbol', { returnUrl: RETURN, state: 's', connectionId: 'conn_quickbooks' }),
      'provider',
    );
    await expectLinkError(adapter.startLink('gbol', { returnUrl: 'settings', state: 's' }), 'unsafe-url');
  });

  it('uses the consent page it is given', async () => {
    const adapter = createMemoryAdapter({ consentUrl: '/mock/authorize' });
    const { url } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 's' });
    expect(new URL(url).pathname).to.equal('/mock/authorize');
  });

  it('approves: the return reads as success and the connection is linked and healthy', async () => {
    const adapter = createMemoryAdapter();
    const { url } = await adapter.startLink('qhyg', {
      returnUrl: RETURN,
      state: 'ok-1',
      connectionId: 'conn_quickbooks',
    });
    const back = completeMemoryConsent(adapter, url, 'approve');
    expect(back.origin + back.pathname).to.equal(`${location.origin}/app/settings`);
    expect(back.searchParams.get('tab')).to.equal('links');
    expect(adapter.readReturn(back)).to.deep.equal({
      state: 'ok-1',
      connectionId: 'conn_quickbooks',
      outcome: 'success',
    });
    const connection = await adapter.getConnection('conn_quickbooks');
    expect(connection.status).to.equal('linked');
    expect(connection.health).to.equal('healthy');
    expect(connection.issues.filter((i) => i.active)).to.deep.equal([]);
  });

  it('approves a new link after verifyDelay', async () => {
    let now = NOW;
    const adapter = createMemoryAdapter({ now: () => now, verifyDelay: 2000 });
    const { url, connection } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 's' });
    const back = completeMemoryConsent(adapter, new URL(url), 'approve');
    expect(adapter.readReturn(back)?.outcome).to.equal('success');
    expect((await adapter.getConnection(connection!.id)).status).to.equal('pending');
    now += 1999;
    expect((await adapter.getConnection(connection!.id)).status).to.equal('pending');
    now += 1;
    const linked = await adapter.getConnection(connection!.id);
    expect(linked).to.deep.include({ status: 'linked', health: 'healthy', lastSyncAt: new Date(now).toISOString() });
  });

  it('denies: the return reads as cancelled and the connection stays pending', async () => {
    const adapter = createMemoryAdapter();
    const { url, connection } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'no-1' });
    const back = completeMemoryConsent(adapter, url, 'deny');
    expect(back.searchParams.get('lf_outcome')).to.equal('denied');
    expect(adapter.readReturn(back)).to.deep.equal({
      state: 'no-1',
      connectionId: connection!.id,
      outcome: 'cancelled',
    });
    expect((await adapter.getConnection(connection!.id)).status).to.equal('pending');
  });

  it('fails: the return reads as failed with the message, and the connection carries the issue', async () => {
    const adapter = createMemoryAdapter();
    const { url, connection } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'f-1' });
    const back = completeMemoryConsent(adapter, url, 'fail');
    const read = adapter.readReturn(back);
    expect(read?.outcome).to.equal('failed');
    expect(read?.state).to.equal('f-1');
    expect(read?.message).to.be.a('string').and.not.equal('');
    const failed = await adapter.getConnection(connection!.id);
    expect(failed.status).to.equal('pending');
    expect(failed.health).to.equal('unhealthy');
    expect(failed.issues.filter((i) => i.active).map((i) => i.message)).to.deep.equal([read?.message]);
  });

  it('answers a failed outcome when the connection to approve is gone', async () => {
    const adapter = createMemoryAdapter();
    const { url, connection } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'g' });
    await adapter.remove(connection!.id);
    const read = adapter.readReturn(completeMemoryConsent(adapter, url, 'approve'));
    expect(read?.outcome).to.equal('failed');
    expect(read?.message).to.contain('no longer exists');
  });

  it('refuses to send the user to another origin, or to read a URL that is no consent link', async () => {
    const adapter = createMemoryAdapter();
    const { url } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 's' });
    const evil = new URL(url);
    evil.searchParams.set('return', 'https://evil.example/steal');
    expect(() => completeMemoryConsent(adapter, evil, 'approve')).to.throw(LinkError, /another site/);
    const script = new URL(url);
    script.searchParams.set('return', 'javascript:alert(1)');
    expect(() => completeMemoryConsent(adapter, script, 'approve')).to.throw(LinkError);
    expect(() => completeMemoryConsent(adapter, `${location.origin}/demo/consent.html`, 'approve')).to.throw(LinkError);
  });

  it('reads the consent request as the consent page does', async () => {
    const storage = fakeStorage();
    const adapter = createMemoryAdapter({ storage, catalogue: 'codat' });
    const { url, connection } = await adapter.startLink('gbol', { returnUrl: RETURN, state: 'r' });
    const request = readMemoryConsent(url);
    expect(request?.returnUrl.href).to.equal(RETURN);
    expect(request).to.deep.include({
      state: 'r',
      connectionId: connection!.id,
      integrationKey: 'gbol',
      storageKey: 'linkflow.memory.codat',
    });
    expect(readMemoryConsent(`${location.origin}/demo/consent.html?state=x`)).to.equal(null);
  });

  it('reads no return from a URL without an outcome, and a failure from an unknown outcome', () => {
    const adapter = createMemoryAdapter();
    expect(adapter.readReturn(returnUrl({ lf_state: 's' }))).to.equal(null);
    expect(adapter.readReturn(returnUrl({ lf_outcome: 'maybe' }))?.outcome).to.equal('failed');
    expect(adapter.readReturn(returnUrl({ lf_outcome: 'failed' }))?.message)
      .to.be.a('string')
      .and.not.equal('');
  });
});

describe('memory adapter: persistence', () => {
  it('shares connections between two adapters on one storage', async () => {
    const storage = fakeStorage();
    const first = createMemoryAdapter({ storage });
    const second = createMemoryAdapter({ storage });
    const { url, connection } = await first.startLink('gbol', { returnUrl: RETURN, state: 's' });
    expect((await second.getConnection(connection!.id)).status).to.equal('pending');
    await second.unlink('conn_xero');
    expect((await first.getConnection('conn_xero')).status).to.equal('unlinked');
    await first.remove('conn_square');
    await expectLinkError(second.getConnection('conn_square'), 'not-found');

    // The consent page builds its own adapter from what the consent URL says.
    const page = createMemoryAdapter({ storage, storageKey: readMemoryConsent(url)?.storageKey as string });
    const back = completeMemoryConsent(page, url, 'approve');
    expect(first.readReturn(back)?.outcome).to.equal('success');
    expect((await first.getConnection(connection!.id)).status).to.equal('linked');
  });

  it('keeps each catalogue apart on one storage', async () => {
    const storage = fakeStorage();
    await createMemoryAdapter({ storage, catalogue: 'codat' }).remove('conn_xero');
    expect((await createMemoryAdapter({ storage }).getConnection('conn_xero')).id).to.equal('conn_xero');
    await expectLinkError(createMemoryAdapter({ storage, catalogue: 'codat' }).getConnection('conn_xero'), 'not-found');
  });

  it('seeds again over an unreadable storage entry, and after reset', async () => {
    const storage = fakeStorage();
    storage.setItem('linkflow.memory.mixed', '{"v":1,"connections":[{"id":1}]');
    const adapter = createMemoryAdapter({ storage });
    expect((await adapter.listConnections()).map((c) => c.id)).to.include('conn_xero');
    await adapter.remove('conn_xero');
    adapter.reset();
    expect((await adapter.listConnections()).map((c) => c.id)).to.include('conn_xero');
    expect(JSON.parse(storage.getItem('linkflow.memory.mixed') as string).connections.length).to.be.greaterThan(5);
  });

  it('keeps working in memory when the storage throws', async () => {
    const broken: MemoryStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const adapter = createMemoryAdapter({ storage: broken });
    await adapter.unlink('conn_xero');
    expect((await adapter.getConnection('conn_xero')).status).to.equal('unlinked');
  });

  it('persists in localStorage across adapters', async () => {
    const storageKey = `linkflow.memory.test-${Math.random().toString(36).slice(2)}`;
    try {
      await createMemoryAdapter({ storage: localStorage, storageKey }).unlink('conn_hubspot');
      const other = createMemoryAdapter({ storage: localStorage, storageKey });
      expect((await other.getConnection('conn_hubspot')).status).to.equal('unlinked');
    } finally {
      localStorage.removeItem(storageKey);
    }
  });
});

describe('memory adapter: cancellation and errors', () => {
  const methods: Record<string, (adapter: MemoryAdapter, signal: AbortSignal) => Promise<unknown>> = {
    listIntegrations: (a, signal) => a.listIntegrations({ signal }),
    listConnections: (a, signal) => a.listConnections({ signal }),
    getConnection: (a, signal) => a.getConnection('conn_xero', { signal }),
    startLink: (a, signal) => a.startLink('gbol', { returnUrl: RETURN, state: 's', signal }),
    unlink: (a, signal) => a.unlink('conn_xero', { signal }),
    remove: (a, signal) => a.remove('conn_xero', { signal }),
  };
  for (const [name, run] of Object.entries(methods)) {
    it(`${name} rejects with cancelled on an aborted signal and changes nothing`, async () => {
      const adapter = createMemoryAdapter();
      const before = await adapter.listConnections();
      const controller = new AbortController();
      controller.abort();
      await expectLinkError(run(adapter, controller.signal), 'cancelled');
      expect(await adapter.listConnections()).to.deep.equal(before);
    });
  }

  it('answers not-found for unlinking or removing a missing connection', async () => {
    const adapter = createMemoryAdapter();
    await expectLinkError(adapter.unlink('nope'), 'not-found');
    await expectLinkError(adapter.remove('nope'), 'not-found');
  });
});
