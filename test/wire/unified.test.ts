import { expect } from '@open-wc/testing';
import { ConnectionSchema, IntegrationSchema } from '../../src/model/index.js';
import {
  parseUnifiedConnection,
  parseUnifiedConnectionList,
  parseUnifiedError,
  parseUnifiedIntegrationList,
} from '../../src/wire/index.js';
import { expectInvalidAt, loadWire, nested, thrown, without, withFields, type Json } from '../helpers/wire.js';

/** Every string value inside `value`. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

/**
 * Every property name (own, non-enumerable and symbol keys included) and every string reachable from
 * `value`, walking data properties only: what a page could ever read out of a parsed result or error.
 */
function reachableFrom(value: unknown): { keys: string[]; strings: string[] } {
  const keys: string[] = [];
  const strings: string[] = [];
  const seen = new Set<unknown>();
  const walk = (current: unknown): void => {
    if (typeof current === 'string') strings.push(current);
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || seen.has(current)) return;
    seen.add(current);
    for (const key of Reflect.ownKeys(current)) {
      keys.push(String(key));
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor && 'value' in descriptor) walk(descriptor.value);
    }
  };
  walk(value);
  return { keys, strings };
}

/** The secret-store references Unified may send beside `auth`. */
const SECRET_REFS: Json = {
  auth_aws_arn: 'arn:aws:secretsmanager:us-east-1:1:secret:<SECRET-PLACEHOLDER-aws>',
  auth_azure_keyvault_id: '<SECRET-PLACEHOLDER-azure>',
  auth_gcp_secret_name: '<SECRET-PLACEHOLDER-gcp>',
  auth_hashi_vault_path: '<SECRET-PLACEHOLDER-vault>',
  secretsmanager_secret_arn: '<SECRET-PLACEHOLDER-secretsmanager>',
};

/** Asserts that nothing of `secrets` and no credential-bearing key can be read out of `value`. */
function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const serialized = JSON.stringify(value) ?? '';
  const { keys, strings } = reachableFrom(value);
  if (value instanceof Error) strings.push(String(value), value.message, value.stack ?? '');
  for (const secret of secrets) {
    expect(serialized, 'in JSON').not.to.include(secret);
    expect(
      [...keys, ...strings].filter((text) => text.includes(secret)),
      'in a property',
    ).to.deep.equal([]);
  }
  expect(keys.filter((key) => /^auth(_|$)|secret/i.test(key))).to.deep.equal([]);
}

describe('Unified wire parsing', () => {
  let connection: Json;
  let connectionList: Json[];
  let integrationList: Json[];
  let enums: { connection_categories: string[]; connection_permissions: string[] };
  let secrets: string[];

  before(async () => {
    [connection, connectionList, integrationList, enums] = await Promise.all([
      loadWire<Json>('unified-connection.json'),
      loadWire<Json[]>('unified-connections-list.json'),
      loadWire<Json[]>('unified-integrations-list.json'),
      loadWire<{ connection_categories: string[]; connection_permissions: string[] }>('unified-connection-enums.json'),
    ]);
    secrets = [
      ...stringsIn(connection['auth']),
      ...connectionList.flatMap((item) => stringsIn(item['auth'])),
      ...stringsIn(SECRET_REFS),
    ];
  });

  describe('the fixtures', () => {
    it('reads unified-connection.json into the model connection, without its credentials', () => {
      const parsed = parseUnifiedConnection(connection);
      expect(parsed).to.deep.equal({
        id: '6543a1b2c3d4e5f6a7b8c9d0',
        integrationKey: 'hubspot',
        integrationName: 'HubSpot',
        status: 'linked',
        health: 'healthy',
        paused: false,
        categories: ['crm'],
        createdAt: '2024-04-04T12:00:00.000Z',
        updatedAt: '2024-04-05T08:30:00.000Z',
        lastSyncAt: '2024-04-05T08:29:00.000Z',
        issues: [
          {
            message: 'The provider reported a problem with this connection (code 401).',
            code: '401',
            occurredAt: '2024-04-04T13:00:00.000Z',
            resolvedAt: '2024-04-05T08:29:00.000Z',
            active: false,
          },
        ],
        environment: 'Production',
        externalRef: 'user_xyz789',
      });
      expect(ConnectionSchema.safeParse(parsed).success).to.equal(true);
    });

    it('reads unified-connections-list.json, one healthy and one unhealthy connection', () => {
      const [hubspot, xero] = parseUnifiedConnectionList(connectionList);
      expect(hubspot).to.deep.include({ id: '6543a1b2c3d4e5f6a7b8c9d0', health: 'healthy', issues: [] });
      expect(xero).to.deep.equal({
        id: '6543a1b2c3d4e5f6a7b8c9d1',
        integrationKey: 'xero',
        integrationName: 'Xero',
        status: 'linked',
        health: 'unhealthy',
        paused: false,
        categories: ['accounting'],
        createdAt: '2024-04-06T10:00:00.000Z',
        updatedAt: '2024-04-06T10:00:00.000Z',
        issues: [
          {
            message: 'The provider reported a problem with this connection (code 403).',
            code: '403',
            occurredAt: '2024-04-06T11:00:00.000Z',
            active: true,
          },
        ],
        environment: 'Sandbox',
        externalRef: 'user_xyz789',
      });
    });

    it('reads unified-integrations-list.json into integrations', () => {
      const integrations = parseUnifiedIntegrationList(integrationList);
      expect(integrations).to.deep.equal([
        {
          key: 'hubspot',
          name: 'HubSpot',
          logoUrl: 'https://api.unified.to/docs/images/hubspot.png',
          categories: ['crm', 'martech', 'ticketing'],
          enabled: true,
          beta: false,
          color: '#ff7a59',
        },
        {
          key: 'xero',
          name: 'Xero',
          logoUrl: 'https://api.unified.to/docs/images/xero.png',
          categories: ['accounting'],
          enabled: true,
          beta: false,
          color: '#13b5ea',
        },
        {
          key: 'greenhouse',
          name: 'Greenhouse',
          logoUrl: 'https://api.unified.to/docs/images/greenhouse.png',
          categories: ['ats'],
          enabled: true,
          beta: true,
        },
      ]);
      for (const integration of integrations) expect(IntegrationSchema.safeParse(integration).success).to.equal(true);
    });

    it('accepts every known category and permission of unified-connection-enums.json, and keeps unknown ones', () => {
      expect(enums.connection_categories).to.have.length(35);
      expect(enums.connection_permissions).to.have.length(324);
      const categories = [...enums.connection_categories, 'quantum'];
      const permissions = [...enums.connection_permissions, 'quantum_entanglement_read'];
      const parsed = parseUnifiedConnection(withFields(connection, { categories, permissions }));
      expect(parsed.categories).to.deep.equal(categories);
      const [integration] = parseUnifiedIntegrationList([withFields(integrationList[0]!, { categories })]);
      expect(integration?.categories).to.deep.equal(categories);
    });
  });

  describe('credentials', () => {
    it('finds the placeholders it guards against in the fixtures', () => {
      expect(secrets).to.include('<SECRET-PLACEHOLDER-access_token>');
      expect(secrets).to.include('<SECRET-PLACEHOLDER-refresh_token>');
      expect(JSON.stringify(connection)).to.include('<SECRET-PLACEHOLDER-access_token>');
    });

    it('drops auth and every secret-store reference from a parsed connection, hidden properties included', () => {
      const parsed = parseUnifiedConnection(withFields(connection, SECRET_REFS));
      expectNoSecrets(parsed, secrets);
      expect(Object.getOwnPropertyNames(parsed)).not.to.include('auth');
      expect(Object.getOwnPropertySymbols(parsed)).to.deep.equal([]);
      expectNoSecrets(parseUnifiedConnectionList(connectionList.map((item) => withFields(item, SECRET_REFS))), secrets);
    });

    it('keeps credentials out of the error when the connection around them is broken', () => {
      const broken = [
        withFields(without(connection, 'integration_type'), SECRET_REFS),
        withFields(connection, { ...SECRET_REFS, id: null, categories: 'crm' }),
        withFields(connection, { auth: secrets, permissions: secrets.map((_, index) => index) }),
      ];
      for (const input of broken) {
        expectNoSecrets(
          thrown(() => parseUnifiedConnection(input)),
          secrets,
        );
        expectNoSecrets(
          thrown(() => parseUnifiedConnectionList([connection, input])),
          secrets,
        );
      }
    });

    it('never reads the auth object, so even a hostile one cannot leak through an error', () => {
      const hostile = Object.defineProperty(structuredClone(connection), 'auth', {
        enumerable: true,
        get() {
          throw new Error('<SECRET-PLACEHOLDER-getter>');
        },
      });
      expectNoSecrets(parseUnifiedConnection(hostile), ['<SECRET-PLACEHOLDER-getter>']);
      delete (hostile as Json)['id'];
      expectNoSecrets(
        thrown(() => parseUnifiedConnection(hostile)),
        ['<SECRET-PLACEHOLDER-getter>'],
      );
    });
  });

  describe('health', () => {
    const health = (changes: Json) =>
      parseUnifiedConnection(withFields(without(without(connection, 'last_healthy_at'), 'last_unhealthy_at'), changes))
        .health;

    it('compares the two dates as instants, not as strings', () => {
      expect(
        health({ last_healthy_at: '2024-04-05T10:30:00+02:00', last_unhealthy_at: '2024-04-05T09:00:00Z' }),
      ).to.equal('unhealthy');
      expect(
        health({ last_healthy_at: '2024-04-05T09:00:00Z', last_unhealthy_at: '2024-04-05T10:30:00+02:00' }),
      ).to.equal('healthy');
      expect(
        health({ last_healthy_at: '2024-04-06T01:00:00Z', last_unhealthy_at: '2024-04-05T23:30:00-02:00' }),
      ).to.equal('unhealthy');
    });

    it('counts local time as UTC and reads up to 7 fractional digits', () => {
      expect(health({ last_healthy_at: '2024-04-05T09:00:00Z', last_unhealthy_at: '2024-04-05T09:00:01' })).to.equal(
        'unhealthy',
      );
      expect(
        health({ last_healthy_at: '2024-04-05T09:00:00.0000001Z', last_unhealthy_at: '2024-04-05T09:00:00.0000002Z' }),
      ).to.equal('unhealthy');
      expect(
        health({ last_healthy_at: '2024-04-05T09:00:00.1Z', last_unhealthy_at: '2024-04-05T09:00:00.09Z' }),
      ).to.equal('healthy');
    });

    it('is healthy when the unhealthy report is not later, and unknown with neither date', () => {
      expect(
        health({ last_healthy_at: '2024-04-05T09:00:00Z', last_unhealthy_at: '2024-04-05T11:00:00+02:00' }),
      ).to.equal('healthy');
      expect(health({ last_healthy_at: '2024-04-05T09:00:00Z' })).to.equal('healthy');
      expect(health({ last_unhealthy_at: '2024-04-05T09:00:00Z' })).to.equal('unhealthy');
      expect(health({})).to.equal('unknown');
    });

    it('names no issue when nothing went wrong', () => {
      const parsed = parseUnifiedConnection(without(without(connection, 'last_unhealthy_at'), 'last_unhealthy_code'));
      expect(parsed.issues).to.deep.equal([]);
      expect(parsed.health).to.equal('healthy');
    });
  });

  describe('defaults', () => {
    it('fills in what Unified leaves out', () => {
      const minimal = { id: 'c1', integration_type: 'pipedrive', permissions: [], categories: [] };
      expect(parseUnifiedConnection(minimal)).to.deep.equal({
        id: 'c1',
        integrationKey: 'pipedrive',
        integrationName: 'pipedrive',
        status: 'linked',
        health: 'unknown',
        paused: false,
        categories: [],
        issues: [],
        environment: 'Production',
      });
      expect(
        parseUnifiedIntegrationList([{ type: 'pipedrive', name: 'Pipedrive', categories: ['crm'] }]),
      ).to.deep.equal([{ key: 'pipedrive', name: 'Pipedrive', categories: ['crm'], enabled: true, beta: false }]);
    });

    it('reads a paused connection and an inactive integration', () => {
      expect(parseUnifiedConnection(withFields(connection, { is_paused: true })).paused).to.equal(true);
      const [integration] = parseUnifiedIntegrationList([withFields(integrationList[0]!, { is_active: false })]);
      expect(integration?.enabled).to.equal(false);
    });
  });

  describe('error bodies', () => {
    it('reads status, message and error name', () => {
      expect(
        parseUnifiedError({ statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded.' }),
      ).to.deep.equal({ message: 'Rate limit exceeded.', status: 429, details: [] });
      expect(parseUnifiedError({ statusCode: 401, error: 'Unauthorized' })).to.deep.equal({
        message: 'Unauthorized',
        status: 401,
        details: [],
      });
    });

    it('answers null for bodies that are not a Unified error, and never throws', () => {
      const revoked = Proxy.revocable({}, {});
      revoked.revoke();
      const bodies = ['Too Many Requests', 429, null, [], {}, { statusCode: '429' }, { message: 5 }, revoked.proxy];
      bodies.forEach((body, index) => expect(parseUnifiedError(body), `body ${index}`).to.equal(null));
    });
  });

  describe('failures', () => {
    it('names each missing required connection field, the id included', () => {
      for (const field of ['id', 'integration_type', 'permissions', 'categories']) {
        expectInvalidAt(() => parseUnifiedConnection(without(connection, field)), field);
      }
    });

    const cases: [string, () => unknown, string][] = [
      ['a null id', () => withFields(connection, { id: null }), 'id'],
      ['an empty id', () => withFields(connection, { id: '' }), 'id'],
      ['a numeric id', () => withFields(connection, { id: 6543 }), 'id'],
      ['a null integration type', () => withFields(connection, { integration_type: null }), 'integration_type'],
      ['permissions as a string', () => withFields(connection, { permissions: 'crm_contact_read' }), 'permissions'],
      ['a numeric permission', () => withFields(connection, { permissions: ['webhook', 7] }), 'permissions.1'],
      ['null categories', () => withFields(connection, { categories: null }), 'categories'],
      ['a null category', () => withFields(connection, { categories: [null] }), 'categories.0'],
      ['is_paused as a string', () => withFields(connection, { is_paused: 'false' }), 'is_paused'],
      ['a malformed created_at', () => withFields(connection, { created_at: 'last Tuesday' }), 'created_at'],
      [
        '8 fractional digits',
        () => withFields(connection, { last_healthy_at: '2024-04-05T08:29:00.00000001Z' }),
        'last_healthy_at',
      ],
      ['an impossible hour', () => withFields(connection, { updated_at: '2024-04-05T24:00:00Z' }), 'updated_at'],
      ['a null last_unhealthy_at', () => withFields(connection, { last_unhealthy_at: null }), 'last_unhealthy_at'],
      ['a numeric unhealthy code', () => withFields(connection, { last_unhealthy_code: 401 }), 'last_unhealthy_code'],
      ['a numeric environment', () => withFields(connection, { environment: 1 }), 'environment'],
      ['an object external_xref', () => withFields(connection, { external_xref: { id: 'u' } }), 'external_xref'],
      ['deep nesting in categories', () => withFields(connection, { categories: nested(100_000) }), 'categories.0'],
      ['a string body', () => JSON.stringify(connection), ''],
      ['a numeric body', () => 404, ''],
      ['an array body', () => [connection], ''],
      ['a null body', () => null, ''],
    ];
    for (const [name, input, path] of cases) {
      it(`rejects a connection with ${name} at "${path}"`, () => {
        expectInvalidAt(() => parseUnifiedConnection(input()), path);
      });
    }

    const listCases: [string, () => unknown, string][] = [
      ['an object instead of a list', () => connection, ''],
      ['a null item', () => [connection, null], '1'],
      ['an item without an id', () => [connection, without(connection, 'id')], '1.id'],
    ];
    for (const [name, input, path] of listCases) {
      it(`rejects a connection list with ${name} at "${path}"`, () => {
        expectInvalidAt(() => parseUnifiedConnectionList(input()), path);
      });
    }

    const integrationCases: [string, (item: Json) => Json, string][] = [
      ['no type', (item) => without(item, 'type'), '0.type'],
      ['a numeric name', (item) => withFields(item, { name: 5 }), '0.name'],
      ['no categories', (item) => without(item, 'categories'), '0.categories'],
      ['is_active as a string', (item) => withFields(item, { is_active: 'yes' }), '0.is_active'],
      ['a null beta', (item) => withFields(item, { beta: null }), '0.beta'],
      ['a numeric logo_url', (item) => withFields(item, { logo_url: 5 }), '0.logo_url'],
      ['a string popularity', (item) => withFields(item, { popularity: '95' }), '0.popularity'],
      ['a numeric token name', (item) => withFields(item, { token_names: [1] }), '0.token_names.0'],
    ];
    for (const [name, change, path] of integrationCases) {
      it(`rejects an integration with ${name} at "${path}"`, () => {
        expectInvalidAt(() => parseUnifiedIntegrationList([change(integrationList[0]!)]), path);
      });
    }

    it('rejects a 5 MB list whose last connection has no id, naming that connection', () => {
      const list: Json[] = [];
      for (let index = 0; index < 10_000; index += 1) list.push(withFields(connection, { id: `connection-${index}` }));
      list[9_999] = without(connection, 'id');
      expect(JSON.stringify(list).length).to.be.greaterThan(5_000_000);
      const error = expectInvalidAt(() => parseUnifiedConnectionList(list), '9999.id');
      expect(error.details).to.have.length(1);
    });

    it('reports a few issues, not millions, for 5 MB of wrong permissions', () => {
      const permissions = new Array<number>(2_500_000).fill(7);
      const error = expectInvalidAt(
        () => parseUnifiedConnection(withFields(connection, { permissions })),
        'permissions.0',
      );
      expect(error.details.length).to.be.within(1, 20);
    });

    it('throws only a LinkError for getters that throw, revoked proxies and __proto__ keys', () => {
      const throwing = Object.defineProperty(structuredClone(connection), 'categories', {
        enumerable: true,
        get() {
          throw new RangeError('no categories');
        },
      });
      expectInvalidAt(() => parseUnifiedConnection(throwing), '');
      const revoked = Proxy.revocable([], {});
      revoked.revoke();
      expectInvalidAt(() => parseUnifiedConnectionList(revoked.proxy), '');
      const polluted = JSON.parse('[{"__proto__": {"id": "x", "integration_type": "xero"}}]') as unknown;
      expectInvalidAt(() => parseUnifiedConnectionList(polluted), '0.id');
      expect(({} as Json)['integration_type']).to.equal(undefined);
    });
  });
});
