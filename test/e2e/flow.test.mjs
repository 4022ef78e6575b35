// The whole round trip in the demo, in Chromium driven by playwright-core: pick → consent page →
// approve / deny / fail → back → what the user sees and which lf-* events fired, in redirect and popup mode.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, startDemo } from './harness.mjs';

// Records every lf-* event of each page load in sessionStorage, so the events of the page the
// provider sends the user back to can be read after the navigation.
const RECORD_EVENTS = `
  for (const type of ['lf-select','lf-link-start','lf-linked','lf-error','lf-cancel','lf-state-change','lf-popup-blocked']) {
    document.addEventListener(type, (event) => {
      const events = JSON.parse(sessionStorage.getItem('e2e.events') || '[]');
      const d = event.detail || {};
      events.push({ type, code: d.error && d.error.code, status: d.connection && d.connection.status,
        key: d.integrationKey || (d.connection && d.connection.integrationKey) || (d.integration && d.integration.key),
        step: d.step, mode: d.mode });
      sessionStorage.setItem('e2e.events', JSON.stringify(events));
    });
  }
`;

describe('the link flow in the demo', () => {
  let demo;
  let browser;
  let context;
  let page;

  before(async () => {
    demo = await startDemo();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext();
    await context.addInitScript(RECORD_EVENTS);
    page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  });

  const events = async (p = page) => JSON.parse((await p.evaluate(() => sessionStorage.getItem('e2e.events'))) ?? '[]');
  const heading = (p = page) => p.locator('lf-link-flow [part~="heading"]');

  async function open(mode = 'redirect') {
    await page.goto(`${demo.origin}/`);
    await page.evaluate((m) => {
      localStorage.clear();
      localStorage.setItem('linkflow.demo.settings', JSON.stringify({ mode: m, catalogue: 'mixed', lang: 'en' }));
    }, mode);
    await page.reload();
    await page.getByRole('option', { name: /Sage Accounting/ }).waitFor();
  }

  async function consent(decision, p = page) {
    await p.waitForURL(/\/demo\/consent\.html/);
    const button = p.getByRole('button', { name: decision });
    await button.waitFor();
    await p.waitForFunction(
      (name) => ![...document.querySelectorAll('button')].find((b) => b.textContent.trim() === name)?.disabled,
      decision,
    );
    await button.click();
  }

  test('approve: back on the page, verified, linked shown and lf-linked fired', async () => {
    await open();
    await page.getByRole('option', { name: /Sage Accounting/ }).click();
    await consent('Approve');
    await page.waitForURL((url) => url.pathname === '/');
    await heading().filter({ hasText: 'Sage Accounting is connected' }).waitFor({ timeout: 15000 });
    assert.ok(!page.url().includes('lf_state'), 'the return parameters left the address bar');
    const fired = await events();
    const linked = fired.find((e) => e.type === 'lf-linked');
    assert.equal(linked?.status, 'linked');
    assert.ok(fired.some((e) => e.type === 'lf-link-start' && e.mode === 'redirect'));
    // The connection list shows the new connection as connected.
    await page.locator('lf-connection-list').getByText('Sage Accounting').first().waitFor();
    // A reload does not replay the return.
    await page.reload();
    await heading().filter({ hasText: 'Connect an account' }).waitFor();
  });

  test('deny: cancelled shown', async () => {
    await open();
    await page.getByRole('option', { name: /Sage Accounting/ }).click();
    await consent('Deny');
    await heading().filter({ hasText: 'Connecting Sage Accounting was cancelled' }).waitFor({ timeout: 15000 });
    assert.ok((await events()).some((e) => e.type === 'lf-cancel'));
  });

  test('fail: the error panel explains it', async () => {
    await open();
    await page.getByRole('option', { name: /Sage Accounting/ }).click();
    await consent('Fail');
    await page.locator('lf-link-flow lf-error-panel [role="alert"]').waitFor({ timeout: 15000 });
    const fired = await events();
    assert.equal(fired.find((e) => e.type === 'lf-error')?.code, 'provider');
  });

  test('popup mode: the consent page opens in a popup, the page itself verifies and shows linked', async () => {
    await open('popup');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('option', { name: /Sage Accounting/ }).click(),
    ]);
    await consent('Approve', popup);
    await popup.waitForEvent('close', { timeout: 15000 });
    await heading().filter({ hasText: 'Sage Accounting is connected' }).waitFor({ timeout: 15000 });
    assert.equal(page.url(), `${demo.origin}/`, 'the opener never navigated');
    const fired = await events();
    assert.ok(fired.some((e) => e.type === 'lf-link-start' && e.mode === 'popup'));
    assert.equal(fired.find((e) => e.type === 'lf-linked')?.status, 'linked');
  });

  test('popup mode: deny in the popup shows cancelled in the page', async () => {
    await open('popup');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('option', { name: /Sage Accounting/ }).click(),
    ]);
    await consent('Deny', popup);
    await heading().filter({ hasText: 'Connecting Sage Accounting was cancelled' }).waitFor({ timeout: 15000 });
  });

  test('popup mode: fail in the popup shows the error panel in the page', async () => {
    await open('popup');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('option', { name: /Sage Accounting/ }).click(),
    ]);
    await consent('Fail', popup);
    await page.locator('lf-link-flow lf-error-panel [role="alert"]').waitFor({ timeout: 15000 });
  });

  test('the whole flow by keyboard alone', async () => {
    await open();
    const search = page
      .getByRole('combobox', { name: /Search integrations/ })
      .or(page.getByRole('searchbox', { name: /Search integrations/ }));
    await search.first().focus();
    await page.keyboard.type('sage acc');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/demo\/consent\.html/);
    await page.waitForFunction(() => !document.querySelector('#approve')?.disabled);
    // Tab to Approve and press it.
    for (let i = 0; i < 10; i++) {
      const focused = await page.evaluate(() => document.activeElement?.id);
      if (focused === 'approve') break;
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'approve');
    await page.keyboard.press('Enter');
    await heading().filter({ hasText: 'Sage Accounting is connected' }).waitFor({ timeout: 15000 });
    // Focus moved to the new step's heading, so keyboard users land on it.
    const focusedPart = await page.evaluate(() =>
      document.querySelector('lf-link-flow')?.shadowRoot?.activeElement?.getAttribute('part'),
    );
    assert.equal(focusedPart, 'heading');
  });
});
