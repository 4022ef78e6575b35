// Every fault the loopback vendor server can make, met by the elements on the Codat adapter: the picker,
// the list and the status indicator show their error state, the link flow its error panel, each with a
// message that fits; their retry actions work once the fault clears; no promise rejection goes unhandled.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createCodatAdapter } from '../../src/adapter/codat.js';
import type { FetchLike } from '../../src/adapter/http.js';
import '../../src/define.js';
import type { LfConnectionList } from '../../src/elements/connection-list/connection-list.js';
import type { LfConnectionPicker } from '../../src/elements/connection-picker/connection-picker.js';
import type { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import type { LfProvider } from '../../src/elements/provider/provider.js';
import type { LfStatusIndicator } from '../../src/elements/status-indicator/status-indicator.js';
import type { LinkErrorCode } from '../../src/model/index.js';
import { fakeWindow } from '../flow/fakes.js';
import { VendorSession, type Fault } from '../adapter/vendor.js';
import {
  errorTitle,
  flowErrorPanel,
  memoryStorage,
  message,
  panelText,
  sleep,
  trackUnhandled,
  untilStep,
} from './helpers.js';

const APP = `${location.origin}/app/settings/integrations`;
/**
 * The adapter's timeout per request: short, so the timeout fault is quick, yet long enough that a loaded
 * machine answers every other fault (an error status, a dropped connection) well before it.
 */
const TIMEOUT = 1_500;

const codatError = (status: number, error: string) => ({
  statusCode: status,
  service: 'PublicApi',
  error,
  correlationId: `corr-${status}-7d4bd6ba0b8f`,
  canBeRetried: 'Unknown',
  detailedErrorCode: 0,
});

interface FaultCase {
  readonly name: string;
  /** The fault, applied to every request under the session's Codat paths (`path` is filled in). */
  readonly fault: Omit<Fault, 'path'>;
  readonly code: LinkErrorCode;
  /** What the picker and the list say under their heading line. */
  readonly says: RegExp;
}

const CASES: readonly FaultCase[] = [
  { name: 'timeout', fault: { delay: 10_000 }, code: 'timeout', says: /did not answer within/ },
  {
    name: '500',
    fault: { status: 500, body: codatError(500, 'Codat had an internal error.') },
    code: 'http',
    says: /Codat had an internal error\./,
  },
  {
    name: '503',
    fault: { status: 503, body: codatError(503, 'Codat is down for maintenance.') },
    code: 'http',
    says: /Codat is down for maintenance\./,
  },
  {
    name: '429',
    fault: { status: 429, body: codatError(429, 'Too many requests: slow down.') },
    code: 'rate-limited',
    says: /Too many requests: slow down\./,
  },
  {
    name: 'malformed JSON',
    fault: { status: 200, body: '{"results": [{"key": "gbol", ', type: 'application/json' },
    code: 'invalid-response',
    says: /not valid JSON/,
  },
  {
    name: 'schema-invalid body',
    fault: { status: 200, body: { results: 'none', pageNumber: 'one', status: 'Sideways' } },
    code: 'invalid-response',
    says: /not in the expected form/,
  },
  {
    name: '401',
    fault: { status: 401, body: codatError(401, 'Your session has ended; sign in again.') },
    code: 'unauthorized',
    says: /Your session has ended; sign in again\./,
  },
  {
    name: '404',
    fault: { status: 404, body: codatError(404, 'Company not found.') },
    code: 'not-found',
    says: /Company not found\./,
  },
  { name: 'dropped connection', fault: { action: 'drop' }, code: 'network', says: /could not be reached/ },
];

interface Page {
  readonly provider: LfProvider;
  readonly flow: LfLinkFlow;
  readonly picker: LfConnectionPicker;
  readonly list: LfConnectionList;
  readonly indicator: LfStatusIndicator;
  readonly win: ReturnType<typeof fakeWindow>;
  readonly signals: AbortSignal[];
}

async function mountPage(server: VendorSession, timeout = TIMEOUT): Promise<Page> {
  const signals: AbortSignal[] = [];
  const recording: FetchLike = (input, init) => {
    if (init.signal) signals.push(init.signal);
    return fetch(input, init);
  };
  const adapter = createCodatAdapter({
    baseUrl: server.codatBase,
    companyId: server.seed.codat.companyId,
    timeout,
    fetch: recording,
  });
  const storage = memoryStorage();
  const win = fakeWindow({ href: APP, storage });
  const provider = await fixture<LfProvider>(
    html`<lf-provider .adapter=${adapter}>
      <lf-link-flow .flowOptions=${{ window: win.win, storage }}></lf-link-flow>
      <lf-connection-picker></lf-connection-picker>
      <lf-connection-list></lf-connection-list>
      <lf-status-indicator connection-id=${server.seed.codat.connectionIds[0]!}></lf-status-indicator>
    </lf-provider>`,
  );
  const get = <T extends Element>(tag: string) => provider.querySelector(tag) as unknown as T;
  return {
    provider,
    flow: get('lf-link-flow'),
    picker: get('lf-connection-picker'),
    list: get('lf-connection-list'),
    indicator: get('lf-status-indicator'),
    win,
    signals,
  };
}

const shadowText = (element: Element, selector: string) =>
  element.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const indicatorState = (indicator: LfStatusIndicator) =>
  indicator.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('data-state') ?? '';
const options = (picker: Element) => picker.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0;
const rows = (list: Element) => list.shadowRoot?.querySelectorAll('li[data-id]').length ?? 0;
const button = (element: Element, selector: string) => element.shadowRoot!.querySelector<HTMLButtonElement>(selector);

/** Clicks the option of `name` in the link flow's own picker. */
async function pick(flow: LfLinkFlow, name: string): Promise<void> {
  await untilStep(flow, 'choosing');
  let option: HTMLElement | undefined;
  await waitUntil(() => {
    const picker = flow.shadowRoot!.querySelector('lf-connection-picker');
    option = [...(picker?.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])].find((o) =>
      o.textContent?.includes(name),
    );
    return option;
  }, `no option ${name}`);
  option!.click();
}

/** After a failure the panel's retry (when the error is retryable) or "choose another" brings the flow back. */
async function recoverFlow(flow: LfLinkFlow, retryable: boolean): Promise<void> {
  const panel = await flowErrorPanel(flow);
  const retry = button(panel, '[part~="retry"]');
  expect(Boolean(retry), 'the panel offers retry exactly when the error is retryable').to.equal(retryable);
  if (retry) retry.click();
  else button(flow, '[part~="restart"]')!.click();
}

describe('faults through the elements', () => {
  let server: VendorSession;
  let unhandled: ReturnType<typeof trackUnhandled>;

  beforeEach(async () => {
    server = await VendorSession.open();
    unhandled = trackUnhandled();
  });

  afterEach(async () => {
    await sleep(30);
    unhandled.stop();
    expect(unhandled.rejections, 'unhandled promise rejections').to.deep.equal([]);
    expect(unhandled.errors, 'uncaught errors').to.deep.equal([]);
  });

  for (const { name, fault, code, says } of CASES) {
    it(`${name}: every element shows it fittingly, and recovers by its retry action once it clears`, async function () {
      this.timeout(60_000);
      await server.fail({ path: '/codat/*', times: 10_000, ...fault });
      const page = await mountPage(server);
      const { flow, picker, list, indicator } = page;

      // The link flow: its error panel, titled for the code.
      await untilStep(flow, 'failed', 15_000);
      const error = flow.flow!.snapshot.error!;
      expect(error.code).to.equal(code);
      const panel = panelText(await flowErrorPanel(flow));
      expect(panel.code).to.equal(code);
      expect(panel.title).to.equal(errorTitle(code));

      // The picker and the list: their error state, with the reason.
      await waitUntil(() => picker.shadowRoot?.querySelector('[part~="error"]'), 'picker error', { timeout: 15_000 });
      const pickerSays = shadowText(picker, '[part~="error"]');
      expect(pickerSays).to.contain(message('picker.error'));
      expect(pickerSays).to.match(says);
      await waitUntil(() => list.shadowRoot?.querySelector('[part~="error"]'), 'list error', { timeout: 15_000 });
      const listSays = shadowText(list, '[part~="error"]');
      expect(listSays).to.contain(message('connectionList.error'));
      expect(listSays).to.match(says);

      // The status indicator: unavailable (or, when the server says 404, not found).
      const expectedState = code === 'not-found' ? 'not-found' : 'error';
      await waitUntil(() => indicatorState(indicator) === expectedState, `indicator ${indicatorState(indicator)}`, {
        timeout: 15_000,
      });
      expect(shadowText(indicator, '[part~="label"]')).to.equal(
        message(code === 'not-found' ? 'statusIndicator.notFound' : 'statusIndicator.error'),
      );
      expect(page.win.assigned).to.deep.equal([]);

      // The fault clears; each element's own retry action brings it back.
      await server.fail();
      button(picker, '[part~="error"] button')!.click();
      await waitUntil(() => options(picker) > 0, 'picker options after retry', { timeout: 10_000 });
      button(list, '[part~="error"] button')!.click();
      await waitUntil(() => rows(list) > 0, 'list rows after retry', { timeout: 10_000 });
      await waitUntil(() => !['error', 'not-found', 'loading'].includes(indicatorState(indicator)), 'indicator back', {
        timeout: 10_000,
      });
      await recoverFlow(flow, error.retryable);
      await untilStep(flow, 'choosing', 10_000);

      // Starting a link meets the same fault: the panel again, then its action starts the link for real.
      await server.fail({
        path: `/codat/companies/${server.seed.codat.companyId}/connections`,
        method: 'POST',
        times: 10_000,
        ...fault,
      });
      await pick(flow, 'Xero');
      await untilStep(flow, 'failed', 15_000);
      const startError = flow.flow!.snapshot.error!;
      expect(startError.code).to.equal(code);
      expect(panelText(await flowErrorPanel(flow)).title).to.equal(errorTitle(code));
      expect(page.win.assigned).to.deep.equal([]);
      await server.fail();
      await recoverFlow(flow, startError.retryable);
      if (!startError.retryable) await pick(flow, 'Xero');
      await untilStep(flow, 'authorizing', 10_000);
      expect(new URL(page.win.assigned[0]!).hostname).to.equal('link-api.codat.io');
    });
  }

  it('abort mid-request: leaving aborts every request quietly; cancelling a start shows cancelled, and try again works', async function () {
    this.timeout(60_000);
    await server.fail({ path: '/codat/*', action: 'hang', times: 10_000 });
    const page = await mountPage(server, 15_000);
    const { provider, flow, picker, list, indicator } = page;
    await server.arrived('/codat/integrations');
    await waitUntil(() => page.signals.length >= 2, 'requests under way');
    expect(picker.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(list.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(indicatorState(indicator)).to.equal('loading');

    // The page takes the elements away mid-request: every request is aborted, and nothing surfaces.
    provider.remove();
    await waitUntil(() => page.signals.every((signal) => signal.aborted), 'every request aborted', { timeout: 5_000 });
    await sleep(50);

    // Back on the page once the server answers again: everything loads.
    await server.fail();
    document.body.append(provider);
    await untilStep(flow, 'choosing', 10_000);
    await waitUntil(() => options(picker) > 0 && rows(list) > 0, 'picker and list loaded', { timeout: 10_000 });
    await waitUntil(() => indicatorState(indicator) !== 'loading', 'indicator loaded', { timeout: 10_000 });
    expect(['error', 'not-found']).not.to.include(indicatorState(indicator));

    // The user backs out of a start the server holds: the request is aborted and the flow says cancelled.
    const connections = `/codat/companies/${server.seed.codat.companyId}/connections`;
    await server.fail({ path: connections, method: 'POST', action: 'hang', times: 10_000 });
    const before = page.signals.length;
    await pick(flow, 'Xero');
    await untilStep(flow, 'starting');
    await server.arrived(connections);
    await flow.updateComplete;
    button(flow, '[part~="cancel"]')!.click();
    await untilStep(flow, 'cancelled');
    await flow.updateComplete;
    expect(shadowText(flow, '[part~="heading"]')).to.equal('Connecting Xero was cancelled');
    await waitUntil(() => page.signals.slice(before).every((signal) => signal.aborted), 'the start was aborted');
    await server.fail();
    button(flow, '[part~="retry"]')!.click();
    await untilStep(flow, 'authorizing', 10_000);
    expect(page.win.assigned).to.have.length(1);
    provider.remove();
  });
});
