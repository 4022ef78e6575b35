// Strict CSP: a page served with `default-src 'self'; script-src 'self'; style-src 'self';
// require-trusted-types-for 'script'; trusted-types lit-html` (no unsafe-inline, no unsafe-eval) renders
// every element and runs the whole flow (pick → stand-in consent page → approve → back → verified →
// linked) with zero securitypolicyviolation events, in Chromium (playwright-core) and Firefox
// (puppeteer-core over WebDriver BiDi).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { findBrowsers } from '../../scripts/browsers.mjs';
import { buildCspPages } from '../csp/build.mjs';
import { CSP, startCspServer } from '../csp/server.mjs';
import { launchChromium } from './harness.mjs';

/** The prefs that keep Firefox off the network (as in web-test-runner.config.mjs). */
const FIREFOX_PREFS = {
  'network.proxy.type': 0,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'app.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
};

const TAGS = [
  'lf-connection-list',
  'lf-connection-picker',
  'lf-error-panel',
  'lf-link-flow',
  'lf-provider',
  'lf-status-indicator',
];

/** What the page shows, read inside it (self-contained: it is sent to the browser). */
function inspect() {
  const deep = (root) =>
    [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...deep(el.shadowRoot)] : [el]));
  const shadow = (el, selector) => el?.shadowRoot?.querySelector(selector) ?? null;
  const count = (el, selector) => el?.shadowRoot?.querySelectorAll(selector).length ?? 0;
  const flow = document.querySelector('#flow');
  const elements = deep(document).filter((el) => el.localName.startsWith('lf-'));
  return {
    path: location.pathname,
    step: flow?.getAttribute('step') ?? null,
    heading: shadow(flow, '[part~="heading"]')?.textContent.trim() ?? null,
    flowOptions: count(shadow(flow, 'lf-connection-picker'), '[role="option"]'),
    listRows: count(document.querySelector('#list'), 'li[data-id]'),
    pickerOptions: count(document.querySelector('#picker'), '[role="option"]'),
    indicator: shadow(document.querySelector('#indicator'), '[part~="base"]')?.getAttribute('data-state') ?? null,
    panelTitle: shadow(document.querySelector('#panel'), '[part~="title"]')?.textContent.trim() ?? null,
    // Rendered: a shadow root with content, styled by its constructed style sheets.
    rendered: [
      ...new Set(
        elements
          .filter(
            (el) => el.shadowRoot && el.shadowRoot.childNodes.length > 0 && el.shadowRoot.adoptedStyleSheets.length > 0,
          )
          .map((el) => el.localName),
      ),
    ].sort(),
    providerDisplay: getComputedStyle(document.querySelector('#provider')).display,
    panelBorder: (() => {
      const base = shadow(document.querySelector('#panel'), '[part~="base"]');
      return base ? getComputedStyle(base).borderInlineStartWidth : null;
    })(),
    trustedTypes: typeof window.trustedTypes === 'object',
    violations: window.__cspViolations ?? null,
    allViolations: JSON.parse(sessionStorage.getItem('csp.violations') ?? '[]'),
  };
}

/** Clicks the option named `name` in the link flow's picker. */
function pick(name) {
  const picker = document.querySelector('#flow')?.shadowRoot?.querySelector('lf-connection-picker');
  const option = [...(picker?.shadowRoot?.querySelectorAll('[role="option"]') ?? [])].find((o) =>
    o.textContent.includes(name),
  );
  if (!option) return false;
  option.click();
  return true;
}

/** Clicks Approve on the consent page once it is ready. */
function approve() {
  const button = document.querySelector('#approve');
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/** Evaluates `fn(arg)` until it answers something truthy (riding out navigations). */
async function until(page, fn, arg, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await page.evaluate(fn, arg);
      if (last) return last;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Drives one browser page through the flow and answers what it saw. */
async function flowIn(page, origin) {
  const look = () => page.evaluate(inspect);
  await page.goto(`${origin}/`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto(`${origin}/`);
  await until(
    page,
    () => {
      const flow = document.querySelector('#flow');
      const list = document.querySelector('#list');
      const picker = document.querySelector('#picker');
      return (
        flow?.getAttribute('step') === 'choosing' &&
        (list?.shadowRoot?.querySelectorAll('li[data-id]').length ?? 0) > 0 &&
        (picker?.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0) > 0
      );
    },
    undefined,
    'the page to render its data',
  );
  const rendered = await look();

  await until(page, pick, 'Xero', 'the Xero option');
  await until(page, () => location.pathname === '/consent.html', undefined, 'the consent page');
  await until(page, approve, undefined, 'Approve');
  await until(
    page,
    () => location.pathname === '/' && document.querySelector('#flow')?.getAttribute('step') === 'linked',
    undefined,
    'the flow to come back linked',
  );
  // The list shows the connection just linked, as connected.
  await until(
    page,
    () => {
      const id = sessionStorage.getItem('csp.linked');
      const row = id && document.querySelector('#list')?.shadowRoot?.querySelector(`li[data-id="${CSS.escape(id)}"]`);
      const state = row?.querySelector('lf-status-indicator')?.shadowRoot?.querySelector('[part~="base"]');
      return state?.getAttribute('data-state') === 'linked' && row.textContent.includes('Xero');
    },
    undefined,
    'the list to show the linked Xero connection',
  );
  const linked = await look();
  return { rendered, linked, url: page.url() };
}

/** Violations grouped as `page directive source:line (sample) ×count`, for a readable failure. */
function summarize(violations) {
  const counts = new Map();
  for (const v of violations) {
    const where = v.element ? ` on ${v.element}` : '';
    const key = `${v.page} ${v.directive} ${v.blocked}${where} at ${v.source}:${v.line}${v.sample ? ` (${v.sample})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`);
}

/** A report posted to report-uri, as `directive blocked-uri` with the place it names. */
function reportLine(report) {
  const body = report['csp-report'] ?? report;
  const directive = body['effective-directive'] ?? body['violated-directive'] ?? '?';
  return `${directive} ${body['blocked-uri'] ?? '?'} at ${body['source-file'] ?? '?'}:${body['line-number'] ?? '?'}`;
}

/** Inline `style` attributes: what Lit's `styleMap` writes on its first render (lit/lit#4719). */
const inlineStyle = (text) => /^style-src-attr\b/.test(text) || /inline style/i.test(text);

function checkRun(run, reports, errors) {
  const { rendered, linked } = run;
  // Trusted Types are enforced (both browsers here ship them): Lit's templates went through its policy.
  assert.equal(rendered.trustedTypes, true, 'the browser enforces Trusted Types');
  assert.deepEqual(rendered.rendered, TAGS, 'every element rendered with its styles');
  assert.equal(rendered.providerDisplay, 'contents', 'lf-provider styles applied');
  assert.notEqual(rendered.panelBorder, '0px', 'lf-error-panel styles applied');
  assert.equal(rendered.panelTitle, 'Too many requests');
  assert.equal(rendered.indicator, 'linked');
  assert.ok(rendered.flowOptions > 0 && rendered.pickerOptions > 0 && rendered.listRows > 0);
  assert.equal(linked.heading, 'Xero is connected');
  assert.ok(!run.url.includes('lf_state'), 'the return parameters left the address bar');

  const events = summarize(linked.allViolations);
  const reported = reports.map(reportLine);
  // Scripts, eval, Trusted Types, images, connections: nothing at all.
  assert.deepEqual(
    events.filter((line) => !inlineStyle(line.split(' ')[1])),
    [],
    'securitypolicyviolation events (other than inline style attributes) on any page of the flow',
  );
  assert.deepEqual(
    reported.filter((line) => !inlineStyle(line)),
    [],
    'CSP reports (other than inline style attributes)',
  );
  assert.deepEqual(
    errors.filter((text) => !inlineStyle(text)),
    [],
    'page errors and console errors (other than inline style attributes)',
  );
  // Inline style attributes: none either. A `style=${styleMap(...)}` binding sets the attribute on its
  // first render, which style-src 'self' refuses; such styles must be set through the CSSOM instead.
  assert.deepEqual(
    events,
    [],
    'inline style attributes refused by the policy (a styleMap binding writes style="…" on its first render: lit/lit#4719)',
  );
  assert.deepEqual(summarize(linked.violations), [], 'securitypolicyviolation events on the last page');
  assert.deepEqual(reported, [], 'CSP reports sent to the server');
  assert.deepEqual(errors, [], 'page errors and console errors');
}

describe('a strict Content Security Policy', () => {
  let server;

  before(async () => {
    await buildCspPages();
    server = await startCspServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('the server sends the strict policy, with no unsafe-inline and no unsafe-eval', async () => {
    const response = await fetch(`${server.origin}/`);
    const policy = response.headers.get('content-security-policy');
    assert.equal(policy, CSP);
    assert.ok(!/unsafe-|data:|blob:|\*/.test(policy));
    assert.match(policy, /require-trusted-types-for 'script'/);
  });

  test('Chromium: every element renders and the whole flow runs with zero violations', async () => {
    server.reports.length = 0;
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const run = await flowIn(page, server.origin);
      await new Promise((resolve) => setTimeout(resolve, 500));
      checkRun(run, server.reports, errors);
    } finally {
      await browser.close();
    }
  });

  test('Firefox: every element renders and the whole flow runs with zero violations', async () => {
    server.reports.length = 0;
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: findBrowsers().firefox,
      headless: true,
      extraPrefsFirefox: FIREFOX_PREFS,
    });
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const run = await flowIn(page, server.origin);
      await new Promise((resolve) => setTimeout(resolve, 500));
      checkRun(run, server.reports, errors);
    } finally {
      await browser.close();
    }
  });
});
