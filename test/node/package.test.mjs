// The built package as a consumer sees it: every export path resolves, and it imports in Node with no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

test('every export path points at a built file, with types beside each', () => {
  for (const [path, target] of Object.entries(pkg.exports)) {
    const files = typeof target === 'string' ? [target] : Object.values(target);
    for (const file of files) assert.ok(existsSync(file), `${path} → ${file} is missing`);
  }
});

test("import('linkflow') works in plain Node with no DOM", async () => {
  assert.equal(typeof globalThis.document, 'undefined');
  const lib = await import('linkflow');
  assert.equal(typeof lib.LinkError, 'function');
  const error = new lib.LinkError('timeout', 'slow');
  assert.equal(error.retryable, true);
});

test("import('linkflow/define.js') works in plain Node with no DOM", async () => {
  const lib = await import('linkflow/define.js');
  assert.equal(typeof lib.LfLinkFlow, 'function');
  assert.equal(typeof lib.LfConnectionPicker, 'function');
});
