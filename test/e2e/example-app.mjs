// The browser tests both example apps share: the app, built from the packed tarball and served on
// loopback, driven in Chromium. Properties reach the elements as properties (the very objects the
// app holds), the framework's listeners get the right details once each, and however often the app
// mounts there is one flow, one request per list and no duplicate event, through a redirect round
// trip and in popup mode. The apps record what they see in `window.lfExample` (examples/*/src/log.ts).
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium } from './harness.mjs';
import { installExample, packedTarball, serveStatic } from './pack.mjs';

/** Per `type@tag`: how often the page dispatched it, and how often a listener received it. */
function tally(log) {
  const received = {};
  for (const { type, tag } of log.events) received[`${type}@${tag}`] = (received[`${type}@${tag}`] ?? 0) + 1;
  return { dispatched: log.dispatched, received };
}

/**
 * Declares the hooks and tests of one example app; call inside `describe`. `build(dir)` builds the
 * installed app into `dir/dist`; `mounts` is how often its mount effect runs (2 under StrictMode);
 * `listener` names what receives the events (`callback`, `listener`). Answers `{ dir() }`.
 */
export function exampleAppTests({ name, build, mounts, mountStory, listener }) {
  const listeners = `${listener}s`;
  let dir;
  let server;
  let browser;
  let context;
  let page;

  before(async () => {
    const { tarball } = packedTarball();
    dir = installExample(name, tarball);
    build(dir);
    server = await serveStatic(join(dir, 'dist'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  });

  const flow = (p = page) => p.locator('section[aria-label="Connect an account"] lf-link-flow');
  const featured = () => page.locator('section[aria-label="Featured integrations"]');
  const snapshot = (p = page) =>
    p.evaluate(() => {
      const { calls, dispatched, events, mounts, unmounts, flows, previous } = window.lfExample;
      return {
        calls,
        dispatched,
        mounts,
        unmounts,
        flows: flows.length,
        previous,
        events: JSON.parse(JSON.stringify(events)),
      };
    });

  async function open(query = '') {
    await page.goto(`${server.origin}/${query}`);
    await flow()
      .getByRole('option', { name: /Sage Accounting/ })
      .waitFor();
    await featured()
      .getByRole('option', { name: /HubSpot/ })
      .waitFor();
  }

  test('properties reach the elements as properties, the very objects the app holds', async () => {
    await open();
    const checks = await page.evaluate(() => {
      const { shared } = window.lfExample;
      const section = document.querySelector('section[aria-label="Featured integrations"]');
      const picker = section.querySelector('lf-connection-picker');
      const [status, raw] = section.querySelectorAll('lf-status-indicator');
      return {
        integrations: picker.integrations === shared.featured,
        connections: picker.connections === shared.featuredConnections,
        noAttribute: !picker.hasAttribute('integrations') && !picker.hasAttribute('connections'),
        connection: status.connection === shared.xero,
        error: section.querySelector('lf-error-panel').error === shared.offline,
        adapter: document.querySelector('lf-provider').adapter === shared.adapter,
        providerMode: document.querySelector('lf-provider').mode,
        rawStatus: raw.status,
      };
    });
    assert.deepEqual(checks, {
      integrations: true,
      connections: true,
      noAttribute: true,
      connection: true,
      error: true,
      adapter: true,
      providerMode: 'redirect',
      rawStatus: 'pending',
    });
    // What the user sees of them: the three featured integrations, Xero's connection, the error.
    assert.equal(await featured().getByRole('listbox').getByRole('option').count(), 3);
    await featured().locator('lf-status-indicator').first().getByText('Connected').waitFor();
    await featured().locator('lf-status-indicator').nth(1).getByText('Waiting for authorization').waitFor();
    const alert = featured().locator('lf-error-panel').getByRole('alert');
    await alert.getByText('Connection problem').waitFor();
    await featured().locator('lf-error-panel').getByText('example-0001').waitFor();
  });

  test(`${listeners} fire once with the details of what the user did`, async () => {
    await open();
    await featured()
      .getByRole('option', { name: /HubSpot/ })
      .click();
    await featured().getByText('You picked HubSpot.').waitFor();
    await featured().getByRole('button', { name: 'Try again' }).click();
    await featured().getByRole('button', { name: 'Dismiss' }).click();
    await featured().locator('lf-error-panel').waitFor({ state: 'detached' });

    const details = await page.evaluate(() => {
      const { events, shared } = window.lfExample;
      const mine = events.filter((e) => e.tag !== 'lf-link-flow');
      return mine.map((e) => ({
        type: e.type,
        tag: e.tag,
        integration: e.detail?.integration?.key,
        sameIntegration: e.detail?.integration ? e.detail.integration === shared.featured[1] : undefined,
        sameError: e.detail?.error ? e.detail.error === shared.offline : undefined,
      }));
    });
    assert.deepEqual(details, [
      {
        type: 'lf-select',
        tag: 'lf-connection-picker',
        integration: 'hubspot',
        sameIntegration: true,
        sameError: undefined,
      },
      { type: 'lf-retry', tag: 'lf-error-panel', integration: undefined, sameIntegration: undefined, sameError: true },
      {
        type: 'lf-dismiss',
        tag: 'lf-error-panel',
        integration: undefined,
        sameIntegration: undefined,
        sameError: true,
      },
    ]);
    const { dispatched, received } = tally(await snapshot());
    assert.deepEqual(received, dispatched, `every dispatched event reached its ${listener} exactly once`);
  });

  test(`${mountStory}, yet there is one flow, one request per list and no duplicate event`, async () => {
    await open();
    await flow().and(page.locator('[step="choosing"]')).waitFor();
    const log = await snapshot();
    assert.equal(log.mounts, mounts, `the app's mount effect ran ${mounts} time(s)`);
    assert.equal(log.unmounts, mounts - 1);
    assert.equal(log.flows, 1, 'one LinkFlow behind every lf-state-change');
    // readReturn: the flow looked once for a provider's return in the address bar; a second flow would look again.
    assert.deepEqual(log.calls, { readReturn: 1, listIntegrations: 1, listConnections: 1 });
    const steps = log.events.filter((e) => e.type === 'lf-state-change').map((e) => e.detail.step);
    assert.deepEqual(steps, ['loading', 'choosing']);
    const { dispatched, received } = tally(log);
    assert.deepEqual(received, dispatched);
  });

  test('redirect round trip: one start, and after the return one flow verifying and one lf-linked', async () => {
    await open();
    await flow()
      .getByRole('option', { name: /Sage Accounting/ })
      .click();
    await page.waitForURL(/\/consent\.html/);
    await page.getByRole('button', { name: 'Approve' }).click();
    await flow()
      .locator('[part~="heading"]')
      .filter({ hasText: 'Sage Accounting is connected' })
      .waitFor({ timeout: 15000 });
    assert.ok(!page.url().includes('lf_state'), 'the return parameters left the address bar');

    const log = await snapshot();
    // The page that started the link (kept across the two navigations).
    const before = log.previous;
    assert.equal(before.mounts, mounts);
    // One startLink for one click. (listConnections runs again once the start adds a pending connection,
    // a refresh that may or may not begin before the page leaves for the provider.)
    const { listConnections, ...others } = before.calls;
    assert.deepEqual(others, { readReturn: 1, listIntegrations: 1, startLink: 1 });
    assert.ok(listConnections === 1 || listConnections === 2, `listConnections ran ${listConnections} times`);
    const started = before.events.filter((e) => e.tag === 'lf-link-flow' && e.type !== 'lf-state-change');
    assert.deepEqual(started.map((e) => e.type).sort(), ['lf-link-start', 'lf-select']);
    const sage = started.find((e) => e.type === 'lf-select').detail.integration;
    const start = started.find((e) => e.type === 'lf-link-start').detail;
    assert.equal(sage.name, 'Sage Accounting');
    assert.deepEqual([start.integrationKey, start.mode], [sage.key, 'redirect']);
    assert.deepEqual(before.dispatched['lf-link-start@lf-link-flow'], 1);

    // The page the provider sent the user back to.
    assert.equal(log.mounts, mounts);
    assert.equal(log.flows, 1);
    // The return is read, starts nothing, and one getConnection finds the approved connection linked.
    assert.deepEqual(log.calls, { readReturn: 2, listIntegrations: 1, listConnections: 1, getConnection: 1 });
    const linked = log.events.filter((e) => e.type === 'lf-linked');
    assert.equal(linked.length, 1);
    assert.equal(linked[0].detail.connection.status, 'linked');
    assert.equal(linked[0].detail.connection.integrationName, 'Sage Accounting');
    const steps = log.events.filter((e) => e.type === 'lf-state-change').map((e) => e.detail.step);
    assert.equal(new Set(steps).size, steps.length, `no step twice: ${steps.join(' → ')}`);
    assert.equal(steps.at(-1), 'linked');
    const { dispatched, received } = tally(log);
    assert.deepEqual(received, dispatched);
    await page
      .locator('section[aria-label="Your connections"] lf-connection-list')
      .getByText('Sage Accounting')
      .first()
      .waitFor();
  });

  test('popup mode: the page never leaves, one start, one lf-linked', async () => {
    await open('?mode=popup');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      flow()
        .getByRole('option', { name: /Sage Accounting/ })
        .click(),
    ]);
    await popup.waitForURL(/\/consent\.html/);
    await popup.getByRole('button', { name: 'Approve' }).click();
    await popup.waitForEvent('close', { timeout: 15000 });
    await flow()
      .locator('[part~="heading"]')
      .filter({ hasText: 'Sage Accounting is connected' })
      .waitFor({ timeout: 15000 });

    assert.equal(page.url(), `${server.origin}/?mode=popup`, 'the page itself never navigated');
    const log = await snapshot();
    assert.equal(log.mounts, mounts);
    assert.equal(log.flows, 1);
    assert.deepEqual(log.calls, {
      readReturn: 2,
      listIntegrations: 1,
      listConnections: 2,
      startLink: 1,
      getConnection: 1,
    });
    const start = log.events.filter((e) => e.type === 'lf-link-start');
    assert.equal(start.length, 1);
    assert.equal(start[0].detail.mode, 'popup');
    const linked = log.events.filter((e) => e.type === 'lf-linked');
    assert.equal(linked.length, 1);
    assert.equal(linked[0].detail.connection.status, 'linked');
    const { dispatched, received } = tally(log);
    assert.deepEqual(received, dispatched);
  });

  return { dir: () => dir };
}
