// One contract, run against every adapter: the same cases and the same expectations.
import { expect } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { ConnectionSchema, IntegrationSchema, LinkError } from '../../src/model/index.js';

/** What a contract run needs to know about the adapter under test and its backend. */
export interface ContractHarness {
  readonly adapter: ConnectionAdapter;
  /** An integration key that `startLink` accepts. */
  readonly linkableKey: string;
  /** The id of an existing connection. */
  readonly existingId: string;
  /** An id no connection has. */
  readonly missingId: string;
  /** Where the provider sends the user back after a successful authorization. */
  successReturn(state: string, connectionId: string): URL;
  /** Where the provider sends the user back when they cancel. */
  cancelReturn(state: string): URL;
  /** Where the provider sends the user back when authorization fails with `message`. */
  failureReturn(state: string, message: string): URL;
}

export async function expectLinkError(promise: Promise<unknown>, code: string): Promise<LinkError> {
  try {
    await promise;
  } catch (error) {
    expect(LinkError.is(error), `expected a LinkError, got ${String(error)}`).to.equal(true);
    expect((error as LinkError).code).to.equal(code);
    return error as LinkError;
  }
  throw new Error(`expected a LinkError with code ${code}, but it resolved`);
}

export function describeAdapterContract(name: string, setup: () => Promise<ContractHarness> | ContractHarness): void {
  describe(`${name}: the adapter contract`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await setup();
    });

    it('lists integrations in the model shape, with unique keys', async () => {
      const integrations = await h.adapter.listIntegrations();
      expect(integrations.length).to.be.greaterThan(0);
      for (const integration of integrations) expect(IntegrationSchema.safeParse(integration).success).to.equal(true);
      expect(new Set(integrations.map((i) => i.key)).size).to.equal(integrations.length);
      expect(integrations.map((i) => i.key)).to.include(h.linkableKey);
    });

    it('lists connections in the model shape, holding no credential', async () => {
      const connections = await h.adapter.listConnections();
      expect(connections.length).to.be.greaterThan(0);
      for (const connection of connections) {
        expect(ConnectionSchema.safeParse(connection).success).to.equal(true);
        expect(Object.keys(connection)).not.to.include('auth');
      }
      expect(connections.map((c) => c.id)).to.include(h.existingId);
    });

    it('gets one connection by id, the same as in the list', async () => {
      const [one, all] = await Promise.all([h.adapter.getConnection(h.existingId), h.adapter.listConnections()]);
      expect(one.id).to.equal(h.existingId);
      expect(one).to.deep.equal(all.find((c) => c.id === h.existingId));
    });

    it('answers not-found for a connection that does not exist', async () => {
      await expectLinkError(h.adapter.getConnection(h.missingId), 'not-found');
    });

    it('starts a link: a safe absolute URL that carries the state', async () => {
      const state = 'st_' + Math.random().toString(36).slice(2);
      const result = await h.adapter.startLink(h.linkableKey, { returnUrl: `${location.origin}/return`, state });
      const url = new URL(result.url);
      expect(['https:', 'http:']).to.include(url.protocol);
      expect(url.username).to.equal('');
      expect(url.password).to.equal('');
      expect(result.url).to.contain(state);
      if (result.connection) expect(ConnectionSchema.safeParse(result.connection).success).to.equal(true);
    });

    it('reads a successful return', () => {
      const ret = h.adapter.readReturn(h.successReturn('s1', h.existingId));
      expect(ret).to.deep.include({ outcome: 'success', state: 's1', connectionId: h.existingId });
    });

    it('reads a cancelled return', () => {
      const ret = h.adapter.readReturn(h.cancelReturn('s2'));
      expect(ret?.outcome).to.equal('cancelled');
      expect(ret?.state).to.equal('s2');
    });

    it('reads a failed return with the provider message', () => {
      const ret = h.adapter.readReturn(h.failureReturn('s3', 'The bank said no'));
      expect(ret?.outcome).to.equal('failed');
      expect(ret?.state).to.equal('s3');
      expect(ret?.message).to.equal('The bank said no');
    });

    it('answers null for a URL that is no return', () => {
      expect(h.adapter.readReturn(new URL(`${location.origin}/settings?tab=2`))).to.equal(null);
    });

    it('rejects with cancelled when the signal aborts', async () => {
      const controller = new AbortController();
      controller.abort();
      await expectLinkError(h.adapter.listConnections({ signal: controller.signal }), 'cancelled');
    });

    it('unlinks a connection when it supports unlink', async function () {
      if (!h.adapter.unlink) return this.skip();
      const connection = await h.adapter.unlink(h.existingId);
      expect(connection.id).to.equal(h.existingId);
      expect(connection.status).to.equal('unlinked');
      return undefined;
    });

    it('removes a connection when it supports remove', async function () {
      if (!h.adapter.remove) return this.skip();
      await h.adapter.remove(h.existingId);
      await expectLinkError(h.adapter.getConnection(h.existingId), 'not-found');
      return undefined;
    });
  });
}
