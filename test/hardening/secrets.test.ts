// Unified connections carry credentials in `auth` (and secret-store references beside it). After a whole
// link flow, a failed verification and a connection-list render, a marker put in every one of them is
// nowhere: not in the DOM or any shadow root, not in session or local storage, not in any lf-* event,
// not on the console, not in what the elements and the store hold.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createUnifiedAdapter } from '../../src/adapter/unified.js';
import '../../src/define.js';
import type { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import type { LfProvider } from '../../src/elements/provider/provider.js';
import { fakeWindow } from '../flow/fakes.js';
import { VendorSession } from '../adapter/vendor.js';
import { loadWire } from '../helpers/wire.js';
import {
  captureConsole,
  captureEvents,
  deepContains,
  flowErrorPanel,
  panelText,
  shadowRoots,
  trackUnhandled,
  untilStep,
  wholeMarkup,
} from './helpers.js';

const APP = `${location.origin}/app/settings/integrations`;
const POLL = { initial: 10, max: 20, deadline: 3000 };

type Json = Record<string, unknown>;

/** `connection` with a credential in every field Unified's `auth` knows, and every secret-store reference. */
function withSecrets(connection: Json, marker: string): Json {
  const secret = (name: string) => `${marker}-${name}`;
  return {
    ...connection,
    auth: {
      access_token: secret('access_token'),
      refresh_token: secret('refresh_token'),
      token: secret('token'),
      client_id: secret('client_id'),
      client_secret: secret('client_secret'),
      consumer_key: secret('consumer_key'),
      consumer_secret: secret('consumer_secret'),
      dev_api_key: secret('dev_api_key'),
      key: secret('key'),
      pem: `-----BEGIN PRIVATE KEY-----\n${secret('pem')}\n-----END PRIVATE KEY-----`,
      other_auth_info: { api_domain: secret('api_domain'), nested: [[secret('nested')]], [secret('as-a-key')]: true },
      [secret('unknown-field')]: secret('unknown-value'),
      expires_in: 1800,
      emails: ['jane@example.com'],
      name: 'Jane Doe',
    },
    auth_aws_arn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${secret('aws')}`,
    auth_azure_keyvault_id: secret('azure'),
    auth_gcp_secret_name: secret('gcp'),
    auth_hashi_vault_path: secret('vault'),
  };
}

/** Every place the marker must not be, each named with what was found there. */
function leaks(marker: string, captured: { events: Event[]; console: { method: string; args: unknown[] }[] }) {
  const found: string[] = [];
  if (wholeMarkup().includes(marker)) found.push('the DOM');
  for (const [name, storage] of [
    ['sessionStorage', sessionStorage],
    ['localStorage', localStorage],
  ] as const) {
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i)!;
      if (key.includes(marker) || (storage.getItem(key) ?? '').includes(marker)) found.push(`${name}[${key}]`);
    }
  }
  for (const event of captured.events) {
    if (deepContains((event as Event & { detail?: unknown }).detail, marker)) found.push(`${event.type} detail`);
  }
  for (const call of captured.console) {
    if (deepContains(call.args, marker)) found.push(`console.${call.method}`);
  }
  // What the elements hold in their properties, and the provider's store.
  const elements = [document, ...shadowRoots()].flatMap((root) => [...root.querySelectorAll('*')]);
  for (const element of elements) {
    if (!element.localName.startsWith('lf-')) continue;
    const held = element as Element & Record<string, unknown>;
    for (const property of ['connection', 'connections', 'integrations', 'error']) {
      if (deepContains(held[property], marker)) found.push(`<${element.localName}>.${property}`);
    }
    const flow = (element as Partial<LfLinkFlow>).flow;
    if (flow && deepContains(flow.snapshot, marker)) found.push(`<${element.localName}>.flow.snapshot`);
    const store = (element as Partial<LfProvider>).store;
    if (store && deepContains([store.connections(), store.integrations()], marker)) found.push('the store');
  }
  return found;
}

async function optionFor(flow: LfLinkFlow, name: string): Promise<HTMLElement> {
  let option: HTMLElement | undefined;
  await waitUntil(() => {
    const picker = flow.shadowRoot!.querySelector('lf-connection-picker');
    const options = [...(picker?.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
    option = options.find((candidate) => candidate.textContent?.includes(name));
    return option;
  }, `no option ${name}`);
  return option!;
}

/**
 * The whole flow on `adapter`: pick HubSpot, authorize (the fake window records where it was sent),
 * come back to a page with Unified's `id` and `state`, verify, and render the connection list. With
 * `broken`, the first return names a connection whose payload fails its schema (a failed verification
 * with its details shown), and the user starts again.
 */
async function wholeFlow(adapter: ConnectionAdapter, ids: { good: string; broken?: string }) {
  const first = fakeWindow({ href: APP, storage: sessionStorage });
  const page = await fixture<LfProvider>(
    html`<lf-provider .adapter=${adapter}>
      <lf-link-flow .poll=${POLL} .flowOptions=${{ window: first.win, storage: sessionStorage }}></lf-link-flow>
      <lf-connection-list></lf-connection-list>
      <lf-status-indicator connection-id=${ids.good}></lf-status-indicator>
    </lf-provider>`,
  );

  /** Starts a link from the picker of `flow` and answers the return URL for connection `id`. */
  const link = async (flow: LfLinkFlow, win: ReturnType<typeof fakeWindow>, id: string): Promise<string> => {
    await untilStep(flow, 'choosing');
    win.assigned.length = 0;
    (await optionFor(flow, 'HubSpot')).click();
    await waitUntil(() => win.assigned.length === 1, 'sent to Unified');
    const authorize = new URL(win.assigned[0]!);
    const back = new URL(authorize.searchParams.get('success_redirect')!);
    back.searchParams.set('id', id);
    back.searchParams.set('state', authorize.searchParams.get('state')!);
    return back.href;
  };

  /** The page loads again at `href`, with a fresh link flow that resumes from it. */
  const returnTo = async (href: string): Promise<{ flow: LfLinkFlow; win: ReturnType<typeof fakeWindow> }> => {
    page.querySelector('lf-link-flow')!.remove();
    const win = fakeWindow({ href, storage: sessionStorage });
    const flow = document.createElement('lf-link-flow');
    flow.poll = POLL;
    flow.flowOptions = { window: win.win, storage: sessionStorage };
    page.prepend(flow);
    return { flow, win };
  };

  let current = { flow: page.querySelector<LfLinkFlow>('lf-link-flow')!, win: first };
  if (ids.broken) {
    current = await returnTo(await link(current.flow, current.win, ids.broken));
    await untilStep(current.flow, 'failed');
    const panel = await flowErrorPanel(current.flow);
    expect(panelText(panel).code).to.equal('invalid-response');
    expect(panel.shadowRoot!.querySelector('[part~="details-list"] li'), 'the failing paths are shown').to.exist;
    current.flow.shadowRoot!.querySelector<HTMLButtonElement>('[part~="restart"]')!.click();
    current.win.href = APP;
  }
  current = await returnTo(await link(current.flow, current.win, ids.good));
  await untilStep(current.flow, 'linked');

  const list = page.querySelector('lf-connection-list')!;
  await waitUntil(() => (list.shadowRoot?.querySelectorAll('li[data-id]').length ?? 0) > 1, 'the list shows rows');
  const indicator = page.querySelector('lf-status-indicator')!;
  await waitUntil(
    () => indicator.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('data-state') === 'linked',
    'the indicator shows the connection',
  );
  return page;
}

describe('secrets in Unified payloads', () => {
  let events: ReturnType<typeof captureEvents>;
  let console_: ReturnType<typeof captureConsole>;
  let unhandled: ReturnType<typeof trackUnhandled>;

  beforeEach(() => {
    sessionStorage.clear();
    console_ = captureConsole();
    events = captureEvents();
    unhandled = trackUnhandled();
  });

  afterEach(() => {
    events.stop();
    console_.stop();
    unhandled.stop();
    sessionStorage.clear();
  });

  const captured = () => ({ events: events.events, console: console_.calls });

  it('from the loopback vendor server: the placeholders of its auth objects reach nothing', async () => {
    const server = await VendorSession.open();
    const adapter = createUnifiedAdapter({
      workspaceId: server.seed.unified.workspaceId,
      connectionsUrl: server.unifiedConnections,
      apiBase: server.unifiedApi,
    });
    // The connection linked (the first of the seed) is one whose payload carries credentials.
    await wholeFlow(adapter, { good: server.seed.unified.connectionIds[0]! });
    const payloads = await (await fetch(`${server.unifiedConnections}?limit=100&offset=0`)).text();
    expect(payloads, 'the server does send credentials').to.contain('SECRET-PLACEHOLDER');
    expect(events.events.some((event) => event.type === 'lf-linked')).to.equal(true);
    expect(leaks('SECRET-PLACEHOLDER', captured())).to.deep.equal([]);
    expect(unhandled.rejections).to.deep.equal([]);
  });

  it('from a backend passing auth through: a marker in every credential and secret-store reference reaches nothing', async () => {
    const marker = `LFMARK${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
    const [one, list, integrations] = await Promise.all([
      loadWire<Json>('unified-connection.json'),
      loadWire<Json[]>('unified-connections-list.json'),
      loadWire<Json[]>('unified-integrations-list.json'),
    ]);
    const connections = [one, ...list.filter((c) => c['id'] !== one['id'])].map((c) => withSecrets(c, marker));
    const broken = withSecrets({ ...one, id: 'broken-1', categories: 'crm', last_healthy_at: 42 }, marker);
    const json = (body: unknown, status = 200) =>
      Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
    const backend = (input: string): Promise<Response> => {
      const url = new URL(input);
      if (url.pathname.startsWith('/unified/integration/workspace/')) {
        return json(url.searchParams.get('offset') === '0' ? integrations : []);
      }
      if (url.pathname === '/api/unified/connection') {
        return json(url.searchParams.get('offset') === '0' ? connections : []);
      }
      const id = decodeURIComponent(url.pathname.split('/').pop()!);
      if (id === 'broken-1') return json(broken);
      const found = connections.find((c) => c['id'] === id);
      // Even an error body that repeats a credential must not carry it anywhere.
      return found ? json(found) : json({ statusCode: 404, error: 'Not Found', message: `no ${id}` }, 404);
    };
    const adapter = createUnifiedAdapter({
      workspaceId: '650f0e0d0c0b0a0908070605',
      connectionsUrl: 'https://backend.example/api/unified/connection',
      apiBase: 'https://api.unified.example',
      fetch: backend,
    });
    await wholeFlow(adapter, { good: String(one['id']), broken: 'broken-1' });
    expect(events.events.some((event) => event.type === 'lf-linked')).to.equal(true);
    expect(events.events.some((event) => event.type === 'lf-error')).to.equal(true);
    expect(leaks(marker, captured())).to.deep.equal([]);
    expect(unhandled.rejections).to.deep.equal([]);
  });

  it('the check itself finds a marker that does reach the page', async () => {
    const marker = `LFMARK${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
    const host = await fixture(html`<lf-status-indicator status="linked"></lf-status-indicator>`);
    host.shadowRoot!.append(Object.assign(document.createElement('span'), { title: marker }));
    sessionStorage.setItem('probe', `{"token":"${marker}"}`);
    console_.stop();
    const quiet = captureConsole({ forward: false });
    console.info({ nested: [marker] });
    quiet.stop();
    document.dispatchEvent(new CustomEvent('lf-error', { detail: { error: { cause: { token: marker } } } }));
    expect(leaks(marker, { events: events.events, console: quiet.calls })).to.deep.equal([
      'the DOM',
      'sessionStorage[probe]',
      'lf-error detail',
      'console.info',
    ]);
  });
});
