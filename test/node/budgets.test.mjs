// The byte budgets: what a host ships for the whole library, and for the picker alone, each with lit and
// @lit/context, minified and gzipped as scripts/sizes.mjs measures them in the build that npm test makes first
// (the first load; the locales other than English load on demand). Sizes are deterministic, so a change that
// passes a budget fails here.
// A budget not met yet is held at its ceiling instead (CEILINGS), so that it cannot grow further.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGETS, CEILINGS, measureSizes } from '../../scripts/sizes.mjs';

const rows = await measureSizes();
const row = (key) => rows.find((r) => r.key === key);
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

for (const [key, budget] of Object.entries(BUDGETS)) {
  const limit = CEILINGS[key] ?? budget;
  const what = CEILINGS[key]
    ? `its ${kb(limit)} ceiling (budget ${kb(budget)}, not met yet)`
    : `its ${kb(budget)} budget`;
  test(`${row(key).name}: at most ${what} min+gzip`, () => {
    const { gzip } = row(key);
    assert.ok(gzip <= limit, `${kb(gzip)} min+gzip, ${kb(gzip - limit)} over ${what}`);
  });
}

test('a ceiling lies above its budget: it only ever stands in for a budget not met', () => {
  for (const [key, ceiling] of Object.entries(CEILINGS)) assert.ok(ceiling > BUDGETS[key], key);
});

test('the measure counts lit with the elements, and the picker alone is a part of the whole', () => {
  const picker = row('picker');
  const library = row('library');
  const elements = rows.find((r) => r.name === 'linkflow/define.js');
  // lit and @lit/context are about 6 KB min+gzip: the whole library is define.js and them.
  assert.ok(library.gzip - elements.gzip > 5 * 1024, `library ${kb(library.gzip)}, define.js ${kb(elements.gzip)}`);
  assert.ok(library.gzip > picker.gzip, `library ${kb(library.gzip)}, picker ${kb(picker.gzip)}`);
  assert.ok(library.brotli < library.gzip && library.gzip < library.min);
});
