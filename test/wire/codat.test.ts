import { expect } from '@open-wc/testing';
import { ConnectionSchema, IntegrationSchema } from '../../src/model/index.js';
import {
  CODAT_SOURCE_TYPES,
  parseCodatConnection,
  parseCodatConnectionsPage,
  parseCodatError,
  parseCodatIntegrationsPage,
} from '../../src/wire/index.js';
import { expectInvalidAt, loadWire, nested, without, withFields, type Json } from '../helpers/wire.js';

describe('Codat wire parsing', () => {
  let connection: Json;
  let connectionsPage: Json;
  let integrationsPage: Json;
  let errorBody: Json;

  before(async () => {
    [connection, connectionsPage, integrationsPage, errorBody] = await Promise.all([
      loadWire<Json>('codat-connection.json'),
      loadWire<Json>('codat-connections-page.json'),
      loadWire<Json>('codat-integrations-page.json'),
      loadWire<Json>('codat-error.json'),
    ]);
  });

  describe('the fixtures', () => {
    it('reads codat-connection.json into the model connection', () => {
      const parsed = parseCodatConnection(connection);
      expect(parsed).to.deep.equal({
        id: 'ee2eb431-c0fa-4dc9-93fa-d29781c12bcd',
        integrationKey: 'dfxm',
        integrationName: 'Basiq',
        status: 'linked',
        health: 'healthy',
        paused: false,
        categories: ['banking'],
        linkUrl:
          'https://link-api.codat.io/companies/86bd88cb-44ab-4dfb-b32f-87b19b14287f/connections/ee2eb431-c0fa-4dc9-93fa-d29781c12bcd/start',
        createdAt: '2022-10-27T09:53:29Z',
        lastSyncAt: '2022-10-27T10:22:43.6464237Z',
        issues: [
          {
            message: 'Unknown error occurred.',
            code: '401',
            occurredAt: '2022-10-27T10:22:43Z',
            resolvedAt: '2022-10-27T11:00:00Z',
            active: false,
          },
        ],
      });
      expect(ConnectionSchema.safeParse(parsed).success).to.equal(true);
    });

    it('reads codat-connections-page.json into connections and the page position', () => {
      const { items, page } = parseCodatConnectionsPage(connectionsPage);
      expect(page).to.deep.equal({ pageNumber: 1, pageSize: 100, totalResults: 2, hasNext: false });
      expect(items).to.have.length(2);
      expect(items[0]).to.deep.include({
        id: 'ee2eb431-c0fa-4dc9-93fa-d29781c12bcd',
        integrationKey: 'dfxm',
        integrationName: 'Basiq',
        status: 'linked',
        health: 'healthy',
        categories: ['banking'],
        lastSyncAt: '2022-10-27T10:22:43.6464237Z',
        issues: [],
      });
      expect(items[1]).to.deep.equal({
        id: '2e9d2c44-f675-40ba-8049-353bfcb5e171',
        integrationKey: 'gbol',
        integrationName: 'Xero',
        status: 'pending',
        health: 'unknown',
        paused: false,
        categories: ['accounting'],
        linkUrl:
          'https://link-api.codat.io/companies/86bd88cb-44ab-4dfb-b32f-87b19b14287f/connections/2e9d2c44-f675-40ba-8049-353bfcb5e171/start',
        createdAt: '2022-10-28T09:00:00Z',
        issues: [],
      });
    });

    it('reads codat-integrations-page.json into integrations', () => {
      const { items, page } = parseCodatIntegrationsPage(integrationsPage);
      expect(page).to.deep.equal({ pageNumber: 1, pageSize: 100, totalResults: 2, hasNext: false });
      expect(items).to.deep.equal([
        {
          key: 'gbol',
          name: 'Xero',
          logoUrl: 'https://static.codat.io/public/officialLogos/Full/8A156A5A-39CB-4F9D-856E-76EF9B9A9607.png',
          categories: ['accounting'],
          enabled: true,
          beta: false,
        },
        {
          key: 'dfxm',
          name: 'Basiq',
          logoUrl: 'https://static.codat.io/public/officialLogos/Full/00000000-0000-0000-0000-000000000000.png',
          categories: ['banking'],
          enabled: true,
          beta: true,
        },
      ]);
      for (const item of items) expect(IntegrationSchema.safeParse(item).success).to.equal(true);
    });

    it('reads codat-error.json into its message, status and correlation id', () => {
      expect(parseCodatError(errorBody)).to.deep.equal({
        message: 'Data connection a22dd66b-564a-4832-9b37-7b3ce4aeb7de not found',
        status: 404,
        correlationId: '8fa2b5f4794970a4ee73758f612e8df0',
        details: [],
      });
    });
  });

  describe('connections', () => {
    it('maps each of the four statuses', () => {
      const statuses = { PendingAuth: 'pending', Linked: 'linked', Unlinked: 'unlinked', Deauthorized: 'deauthorized' };
      for (const [wire, model] of Object.entries(statuses)) {
        const parsed = parseCodatConnection(withFields(connection, { status: wire, dataConnectionErrors: null }));
        expect(parsed.status, wire).to.equal(model);
        expect(parsed.health, wire).to.equal(model === 'linked' ? 'healthy' : 'unknown');
      }
    });

    it('takes the integration key from integrationId when integrationKey is absent', () => {
      expect(parseCodatConnection(without(connection, 'integrationKey')).integrationKey).to.equal(
        'bf083d72-62c7-493e-aec9-81b4dbba7e2c',
      );
      expect(parseCodatConnection(withFields(connection, { integrationKey: null })).integrationKey).to.equal(
        'bf083d72-62c7-493e-aec9-81b4dbba7e2c',
      );
    });

    it('keeps every source type, known or not, lower-cased as the category', () => {
      for (const sourceType of [...CODAT_SOURCE_TYPES, 'Payroll', 'OpenFinance2030']) {
        expect(parseCodatConnection(withFields(connection, { sourceType })).categories).to.deep.equal([
          sourceType.toLowerCase(),
        ]);
      }
    });

    it('is unhealthy with an Active data connection error, and says what went wrong', () => {
      const parsed = parseCodatConnection(
        withFields(connection, {
          dataConnectionErrors: [
            { statusCode: '403', statusText: 'Forbidden', erroredOnUtc: '2022-10-28T01:00:00', status: 'Active' },
          ],
        }),
      );
      expect(parsed.health).to.equal('unhealthy');
      expect(parsed.issues).to.deep.equal([
        { message: 'Forbidden', code: '403', occurredAt: '2022-10-28T01:00:00', active: true },
      ]);
    });

    it('counts an error with no status and no resolution as active, and a resolved one as not', () => {
      const parsed = parseCodatConnection(
        withFields(connection, {
          dataConnectionErrors: [
            { errorMessage: 'Token revoked.', status: null },
            { status: null, resolvedOnUtc: '2022-10-28T02:00:00+01:00' },
            { errorMessage: 'Rate limited.', status: 'Resolved' },
          ],
        }),
      );
      expect(parsed.issues.map((issue) => [issue.message, issue.active])).to.deep.equal([
        ['Token revoked.', true],
        ['The data connection reported an error.', false],
        ['Rate limited.', false],
      ]);
      expect(parsed.issues[1]?.resolvedAt).to.equal('2022-10-28T02:00:00+01:00');
      expect(parsed.health).to.equal('unhealthy');
    });

    it('treats null optional fields as absent', () => {
      const parsed = parseCodatConnection(
        withFields(connection, { lastSync: null, dataConnectionErrors: null, connectionInfo: null }),
      );
      expect(parsed).not.to.have.property('lastSyncAt');
      expect(parsed.issues).to.deep.equal([]);
    });

    it('accepts all three date forms and up to 7 fractional digits, keeping the vendor string', () => {
      for (const date of [
        '2021-11-15T06:00:00Z',
        '2021-11-15T01:00:00',
        '2021-11-15T01:00:00-05:00',
        '2021-11-15T01:00:00.1234567+05:30',
        '2022-10-27T10:22:43.6464237Z',
        '2024-02-29T23:59:59.9',
      ]) {
        const parsed = parseCodatConnection(withFields(connection, { created: date, lastSync: date }));
        expect(parsed.createdAt, date).to.equal(date);
        expect(parsed.lastSyncAt, date).to.equal(date);
      }
    });

    it('keeps connectionInfo out of the model, however deep it is', () => {
      const parsed = parseCodatConnection(withFields(connection, { connectionInfo: { deep: nested(10_000) } }));
      expect(Object.keys(parsed)).not.to.include('connectionInfo');
      expect(parsed.id).to.equal('ee2eb431-c0fa-4dc9-93fa-d29781c12bcd');
    });

    it('reads a page that has a next page and no results field', () => {
      const page = withFields(connectionsPage, {
        _links: {
          self: { href: '/companies/c/connections' },
          current: { href: '/companies/c/connections?page=1' },
          next: { href: '/companies/c/connections?page=2' },
        },
        totalResults: 250,
      });
      delete page['results'];
      expect(parseCodatConnectionsPage(page)).to.deep.equal({
        items: [],
        page: { pageNumber: 1, pageSize: 100, totalResults: 250, hasNext: true },
      });
    });
  });

  describe('integrations', () => {
    it('defaults beta to false and categories to none when the fields are absent', () => {
      const page = structuredClone(integrationsPage);
      const [first] = page['results'] as Json[];
      delete first!['isBeta'];
      delete first!['sourceType'];
      const [integration] = parseCodatIntegrationsPage(page).items;
      expect(integration).to.deep.include({ key: 'gbol', beta: false, categories: [] });
    });

    it('keeps an unknown source type', () => {
      const page = structuredClone(integrationsPage);
      (page['results'] as Json[])[0]!['sourceType'] = 'Payroll';
      expect(parseCodatIntegrationsPage(page).items[0]?.categories).to.deep.equal(['payroll']);
    });
  });

  describe('error bodies', () => {
    it('reads canBeRetried as a retry hint only when it says yes or no', () => {
      const cases: [string, boolean | undefined][] = [
        ['true', true],
        ['Yes', true],
        ['false', false],
        ['NO', false],
        ['Unknown', undefined],
        ['', undefined],
      ];
      for (const [canBeRetried, retryable] of cases) {
        expect(parseCodatError(withFields(errorBody, { canBeRetried }))?.retryable, canBeRetried).to.equal(retryable);
      }
    });

    it('turns validation errors and warnings into details', () => {
      const info = parseCodatError({
        statusCode: 400,
        error: 'Validation failed.',
        validation: {
          errors: [{ itemId: 'platformKey', message: 'Unknown platform key.', validatorName: 'PlatformKey' }],
          warnings: [{ message: 'The link expires in a day.' }, { itemId: 'redirect', validatorName: 'Url' }],
        },
      });
      expect(info).to.deep.equal({
        message: 'Validation failed.',
        status: 400,
        details: [
          { path: 'platformKey', message: 'Unknown platform key.' },
          { path: '', message: 'The link expires in a day.' },
          { path: 'redirect', message: 'Url' },
        ],
      });
    });

    it('answers null for bodies that are not a Codat error, and never throws', () => {
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      const hostile = Object.defineProperty({}, 'error', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      const bodies = ['Not Found', 404, null, undefined, [], {}, { error: 42 }, { statusCode: '404' }, hostile];
      bodies.forEach((body, index) => expect(parseCodatError(body), `body ${index}`).to.equal(null));
      expect(parseCodatError(revoked.proxy)).to.equal(null);
    });
  });

  describe('failures', () => {
    const required = ['id', 'integrationId', 'sourceId', 'platformName', 'linkUrl', 'status', 'created', 'sourceType'];

    it('names each missing required connection field', () => {
      for (const field of required) expectInvalidAt(() => parseCodatConnection(without(connection, field)), field);
    });

    it('names each required connection field set to null', () => {
      for (const field of required) {
        expectInvalidAt(() => parseCodatConnection(withFields(connection, { [field]: null })), field);
      }
    });

    const cases: [string, () => Json, string][] = [
      ['a status outside the four', () => withFields(connection, { status: 'Active' }), 'status'],
      ['a status in the wrong case', () => withFields(connection, { status: 'linked' }), 'status'],
      ['a numeric id', () => withFields(connection, { id: 42 }), 'id'],
      ['an empty id', () => withFields(connection, { id: '' }), 'id'],
      ['an object platform name', () => withFields(connection, { platformName: { name: 'Basiq' } }), 'platformName'],
      ['a malformed created date', () => withFields(connection, { created: '27/10/2022' }), 'created'],
      ['an impossible created date', () => withFields(connection, { created: '2022-02-30T00:00:00Z' }), 'created'],
      ['8 fractional digits', () => withFields(connection, { lastSync: '2022-10-27T10:22:43.64642371Z' }), 'lastSync'],
      ['a date without a time', () => withFields(connection, { lastSync: '2022-10-27' }), 'lastSync'],
      ['a numeric date', () => withFields(connection, { created: 1666864409 }), 'created'],
      ['errors as an object', () => withFields(connection, { dataConnectionErrors: {} }), 'dataConnectionErrors'],
      [
        'an error with a numeric status code',
        () => withFields(connection, { dataConnectionErrors: [{ statusCode: 401 }] }),
        'dataConnectionErrors.0.statusCode',
      ],
      [
        'an error that is a string',
        () => withFields(connection, { dataConnectionErrors: [{}, 'Unauthorized'] }),
        'dataConnectionErrors.1',
      ],
      ['connectionInfo as a string', () => withFields(connection, { connectionInfo: 'info' }), 'connectionInfo'],
      ['deep nesting in a field', () => withFields(connection, { id: nested(100_000) }), 'id'],
      ['a 5 MB status', () => withFields(connection, { status: 'L'.repeat(5_000_000) }), 'status'],
    ];
    for (const [name, input, path] of cases) {
      it(`rejects ${name} at "${path}"`, () => {
        expectInvalidAt(() => parseCodatConnection(input()), path);
      });
    }

    it('rejects a whole body that is not an object', () => {
      for (const body of ['{"id":"x"}', 42, true, null, undefined, [connection], nested(100_000)]) {
        const error = expectInvalidAt(() => parseCodatConnection(body), '');
        expect(error.details).to.have.length(1);
      }
    });

    const pageCases: [string, () => Json, string][] = [
      ['a missing pageNumber', () => without(connectionsPage, 'pageNumber'), 'pageNumber'],
      ['a fractional pageSize', () => withFields(connectionsPage, { pageSize: 1.5 }), 'pageSize'],
      ['a negative totalResults', () => withFields(connectionsPage, { totalResults: -1 }), 'totalResults'],
      ['a string totalResults', () => withFields(connectionsPage, { totalResults: '2' }), 'totalResults'],
      ['missing _links', () => without(connectionsPage, '_links'), '_links'],
      [
        'a missing current link',
        () => withFields(connectionsPage, { _links: { self: { href: '/' } } }),
        '_links.current',
      ],
      [
        'a numeric href',
        () => withFields(connectionsPage, { _links: { self: { href: 1 }, current: { href: '/' } } }),
        '_links.self.href',
      ],
      ['results as an object', () => withFields(connectionsPage, { results: {} }), 'results'],
      [
        'a result with no id',
        () => withFields(connectionsPage, { results: [connection, without(connection, 'id')] }),
        'results.1.id',
      ],
    ];
    for (const [name, input, path] of pageCases) {
      it(`rejects a connections page with ${name} at "${path}"`, () => {
        expectInvalidAt(() => parseCodatConnectionsPage(input()), path);
      });
    }

    it('rejects integrations without a key, with a string enabled or a null logo', () => {
      const page = structuredClone(integrationsPage);
      const [first, second] = page['results'] as Json[];
      delete first!['key'];
      second!['enabled'] = 'true';
      second!['logoUrl'] = null;
      const error = expectInvalidAt(() => parseCodatIntegrationsPage(page), 'results.0.key');
      expect(error.details.map((detail) => detail.path)).to.include.members(['results.1.enabled', 'results.1.logoUrl']);
    });

    it('rejects a 5 MB page whose last connection is broken, naming that connection', () => {
      const results: Json[] = [];
      for (let index = 0; index < 10_000; index += 1)
        results.push(withFields(connection, { id: `connection-${index}` }));
      results[9_999] = withFields(connection, { status: 'Gone' });
      const page = withFields(connectionsPage, { results });
      expect(JSON.stringify(page).length).to.be.greaterThan(5_000_000);
      const error = expectInvalidAt(() => parseCodatConnectionsPage(page), 'results.9999.status');
      expect(error.details).to.have.length(1);
    });

    it('reports a few issues, not millions, for a 5 MB list of wrong values', () => {
      const page = withFields(connectionsPage, { results: new Array<number>(2_500_000).fill(1) });
      const error = expectInvalidAt(() => parseCodatConnectionsPage(page), 'results.0');
      expect(error.details.length).to.be.within(1, 20);
    });

    it('throws only a LinkError for getters that throw, revoked proxies and __proto__ keys', () => {
      const throwing = Object.defineProperty(structuredClone(connection), 'status', {
        enumerable: true,
        get() {
          throw new TypeError('no status for you');
        },
      });
      expectInvalidAt(() => parseCodatConnection(throwing), '');
      const revoked = Proxy.revocable(structuredClone(connection), {});
      revoked.revoke();
      expectInvalidAt(() => parseCodatConnection(revoked.proxy), '');
      const polluted = JSON.parse('{"__proto__": {"id": "x", "status": "Linked"}}') as unknown;
      expectInvalidAt(() => parseCodatConnection(polluted), 'id');
      expect(({} as Json)['status']).to.equal(undefined);
    });
  });
});
