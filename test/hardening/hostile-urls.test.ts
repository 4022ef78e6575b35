// A corpus of hostile authorization URLs answered by startLink, through <lf-link-flow> in redirect and
// popup mode: nothing navigates, no window is pointed at them, and the error panel says unsafe-url.
import { expect, fixture, html } from '@open-wc/testing';
import type { ConnectionAdapter } from '../../src/adapter/adapter.js';
import { createCodatAdapter } from '../../src/adapter/codat.js';
import '../../src/elements/link-flow/lf-link-flow.js';
import type { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import { LinkError, type Integration, type WindowMode } from '../../src/model/index.js';
import { fakeWindow } from '../flow/fakes.js';
import { loadWire } from '../helpers/wire.js';
import { errorTitle, flowErrorPanel, memoryStorage, panelText, untilStep } from './helpers.js';
import { HOSTILE_URLS, type HostileUrl } from './url-corpus.js';

const APP = `${location.origin}/app/settings/integrations`;
const XERO: Integration = { key: 'gbol', name: 'Xero', categories: ['accounting'], enabled: true, beta: false };

/** An adapter whose startLink answers whatever `next.url` holds. */
function answering(next: { url: string }): ConnectionAdapter {
  return {
    listIntegrations: () => Promise.resolve([XERO]),
    listConnections: () => Promise.resolve([]),
    getConnection: (id) => Promise.reject(new LinkError('not-found', `No connection ${id}.`, { status: 404 })),
    startLink: () => Promise.resolve({ url: next.url }),
    readReturn: () => null,
  };
}

/** What of the hostile URL a user could see in the panel: it must repeat none of it. */
function echoes(text: string, url: string): boolean {
  const trimmed = url.trim();
  if (trimmed.length >= 8 && text.includes(trimmed.slice(0, 60))) return true;
  return /alert\(|evil\.example|<script|passwd|msgbox/i.test(text);
}

async function mountFlow(adapter: ConnectionAdapter, mode: WindowMode) {
  const storage = memoryStorage();
  const win = fakeWindow({ href: APP, storage });
  const element = await fixture<LfLinkFlow>(
    html`<lf-link-flow .adapter=${adapter} mode=${mode} .flowOptions=${{ window: win.win, storage }}></lf-link-flow>`,
  );
  await untilStep(element, 'choosing');
  return { element, win, storage };
}

/** Starts a link to `hostile.url` and checks what happened; the element is reused case after case. */
async function refuses(
  mounted: Awaited<ReturnType<typeof mountFlow>>,
  next: { url: string },
  hostile: HostileUrl,
  mode: WindowMode,
): Promise<void> {
  const { element, win } = mounted;
  const label = `${mode}: ${hostile.name}`;
  const before = location.href;
  win.assigned.length = 0;
  win.opened.length = 0;
  win.popups.length = 0;
  element.allowedOrigins = hostile.allowedOrigins ? [...hostile.allowedOrigins] : [];
  await element.updateComplete;
  next.url = hostile.url;

  await element.flow!.select(XERO);
  await untilStep(element, 'failed');
  expect(element.flow!.snapshot.error?.code, label).to.equal('unsafe-url');

  // Nothing navigated: no assignment, the page's own address unchanged.
  expect(win.assigned, `${label}: location.assign`).to.deep.equal([]);
  expect(location.href, label).to.equal(before);
  if (mode === 'popup') {
    // The popup opened empty inside the click, never received the URL, and was closed.
    expect(
      win.opened.map((o) => o.url),
      `${label}: window.open`,
    ).to.deep.equal(['']);
    expect(win.popups[0]!.urls, `${label}: popup location`).to.deep.equal([]);
    expect(win.popups[0]!.closed, `${label}: popup closed`).to.equal(true);
  } else {
    expect(win.opened, `${label}: window.open`).to.deep.equal([]);
  }

  const panel = await flowErrorPanel(element);
  const shown = panelText(panel);
  expect(shown.code, label).to.equal('unsafe-url');
  expect(shown.title, label).to.equal(errorTitle('unsafe-url'));
  expect(echoes(panel.shadowRoot!.textContent ?? '', hostile.url), `${label}: the panel repeats the URL`).to.equal(
    false,
  );
}

describe('hostile authorization URLs', () => {
  it('has at least 60 cases covering every family', () => {
    expect(HOSTILE_URLS.length).to.be.at.least(60);
    const urls = HOSTILE_URLS.map((c) => c.url.toLowerCase());
    for (const needle of ['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', '//', '\\', '@', 'xn--']) {
      expect(
        urls.some((u) => u.includes(needle)),
        needle,
      ).to.equal(true);
    }
    expect(HOSTILE_URLS.some((c) => c.url.length > 8192)).to.equal(true);
  });

  for (const mode of ['redirect', 'popup'] as const) {
    it(`${mode} mode: every one is refused as unsafe-url before anything navigates`, async function () {
      this.timeout(120_000);
      const next = { url: '' };
      const mounted = await mountFlow(answering(next), mode);
      for (const hostile of HOSTILE_URLS) await refuses(mounted, next, hostile, mode);
    });
  }

  it('after the refusals, a safe URL on the allow-list still navigates', async () => {
    const next = { url: '' };
    const mounted = await mountFlow(answering(next), 'redirect');
    await refuses(mounted, next, HOSTILE_URLS[0]!, 'redirect');
    mounted.element.allowedOrigins = ['https://id.example.com'];
    await mounted.element.updateComplete;
    next.url = 'https://id.example.com/authorize?client=abc';
    await mounted.element.flow!.select(XERO);
    await untilStep(mounted.element, 'authorizing');
    expect(mounted.win.assigned).to.deep.equal(['https://id.example.com/authorize?client=abc']);
  });

  describe("as a Codat connection's linkUrl", () => {
    let connection: Record<string, unknown>;
    let integrations: Record<string, unknown>;

    before(async () => {
      connection = await loadWire('codat-connection.json');
      integrations = await loadWire('codat-integrations-page.json');
    });

    it('redirect mode: none navigates, each is refused with the panel shown', async function () {
      this.timeout(120_000);
      const next = { url: '' };
      const json = (body: unknown) =>
        Promise.resolve(new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }));
      const adapter = createCodatAdapter({
        baseUrl: 'https://backend.example/api/codat',
        companyId: 'c1',
        fetch: (url, init) =>
          init.method === 'POST'
            ? json({ ...connection, linkUrl: next.url })
            : url.includes('/integrations')
              ? json(integrations)
              : json({}),
      });
      const mounted = await mountFlow(adapter, 'redirect');
      const codes = new Map<string, string>();
      for (const hostile of HOSTILE_URLS) {
        mounted.win.assigned.length = 0;
        mounted.element.allowedOrigins = hostile.allowedOrigins ? [...hostile.allowedOrigins] : [];
        await mounted.element.updateComplete;
        next.url = hostile.url;
        await mounted.element.flow!.select('gbol');
        await untilStep(mounted.element, 'failed');
        expect(mounted.win.assigned, hostile.name).to.deep.equal([]);
        const panel = panelText(await flowErrorPanel(mounted.element));
        codes.set(hostile.name, `${mounted.element.flow!.snapshot.error?.code}/${panel.code}`);
      }
      // An empty linkUrl is a connection without one: the answer is malformed (invalid-response), nothing to open.
      expect(codes.get('empty')).to.equal('invalid-response/invalid-response');
      codes.delete('empty');
      const other = [...codes].filter(([, code]) => code !== 'unsafe-url/unsafe-url');
      expect(other, 'cases not reported as unsafe-url').to.deep.equal([]);
    });
  });
});
