// The store's sharing, counted where it matters: at the loopback server the adapters talk to.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCodatAdapter } from '../../src/adapter/codat.js';
import { createStore, type StoreSnapshot } from '../../src/adapter/store.js';
import { createUnifiedAdapter } from '../../src/adapter/unified.js';
import '../../src/elements/provider/lf-provider.js';
import '../../src/elements/status-indicator/lf-status-indicator.js';
import type { Connection } from '../../src/model/index.js';
import { VendorSession } from './vendor.js';

describe('the store in front of a real HTTP adapter', () => {
  let server: VendorSession;
  beforeEach(async () => {
    server = await VendorSession.open();
  });

  it('serves 20 subscribers of the connection list with one request (Unified)', async () => {
    const store = createStore(
      createUnifiedAdapter({
        workspaceId: server.seed.unified.workspaceId,
        connectionsUrl: server.unifiedConnections,
        apiBase: server.unifiedApi,
      }),
    );
    const seen: StoreSnapshot<Connection[]>[] = [];
    const stops = Array.from({ length: 20 }, () => store.subscribeConnections((s) => seen.push(s)));
    await waitUntil(() => store.connections().value !== undefined, 'the list arrived');
    expect(await server.count('/unified-host/connection', 'GET')).to.equal(1);
    expect(store.connections().value!.map((c) => c.id)).to.include(server.seed.unified.connectionIds[0]);
    for (const stop of stops) stop();
  });

  it('serves 20 subscribers of the connection list with one read of every page (Codat)', async () => {
    const adapter = createCodatAdapter({ baseUrl: server.codatBase, companyId: server.seed.codat.companyId });
    // One read on its own tells how many page requests a whole list takes.
    await adapter.listConnections();
    const path = `/codat/companies/${server.seed.codat.companyId}/connections`;
    const perRead = await server.count(path, 'GET');
    expect(perRead).to.be.greaterThan(1);

    const store = createStore(adapter);
    const stops = Array.from({ length: 20 }, () => store.subscribeConnections(() => {}));
    await waitUntil(() => store.connections().value !== undefined, 'the list arrived');
    expect(await server.count(path, 'GET')).to.equal(perRead * 2);
    for (const stop of stops) stop();
  });

  it('makes one request for 20 status indicators under one provider', async () => {
    const adapter = createUnifiedAdapter({
      workspaceId: server.seed.unified.workspaceId,
      connectionsUrl: server.unifiedConnections,
      apiBase: server.unifiedApi,
    });
    const ids = server.seed.unified.connectionIds;
    const el = await fixture(
      html`<lf-provider .adapter=${adapter}>
        ${Array.from(
          { length: 20 },
          (_, i) => html`<lf-status-indicator connection-id=${ids[i % ids.length]!}></lf-status-indicator>`,
        )}
      </lf-provider>`,
    );
    const indicators = [...el.querySelectorAll('lf-status-indicator')];
    const labels = () => indicators.map((i) => i.shadowRoot?.querySelector('[part~="label"]')?.textContent?.trim());
    const shown = ['Connected', 'Paused', 'Waiting for authorization', 'Disconnected', 'Access revoked'];
    await waitUntil(() => labels().every((l) => shown.includes(l ?? '')), 'every indicator shows a status', {
      timeout: 5000,
    });
    expect(labels().filter((l) => l === 'Paused')).to.have.length(4);
    const counts = await server.counts();
    const requests = Object.entries(counts).filter(([key]) => key.includes('/unified-host/connection'));
    expect(requests).to.deep.equal([['GET /unified-host/connection', 1]]);
  });
});
