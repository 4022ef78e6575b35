// End to end against the running demo (`npm start`), in Chromium driven by playwright-core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, startDemo } from './harness.mjs';

describe('the demo', () => {
  let demo;
  let browser;
  before(async () => {
    demo = await startDemo();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('serves the page', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${demo.origin}/`);
    assert.equal(await page.title(), 'linkflow demo');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
