// Byte budgets: sizes are deterministic, so the tests hold them (timings live in `npm run bench`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGETS, measureSizes } from '../../scripts/sizes.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

test('the whole library and the picker stay within their min+gzip budgets', async () => {
  const rows = await measureSizes();
  const library = rows.find((r) => r.key === 'library');
  const picker = rows.find((r) => r.key === 'picker');
  assert.ok(library && picker);
  assert.ok(
    library.gzip <= BUDGETS.library,
    `whole library is ${kb(library.gzip)} min+gzip, budget ${kb(BUDGETS.library)}`,
  );
  assert.ok(picker.gzip <= BUDGETS.picker, `picker alone is ${kb(picker.gzip)} min+gzip, budget ${kb(BUDGETS.picker)}`);
  // The entries that leave their dependencies to the host's bundler are smaller than the whole.
  for (const row of rows.filter((r) => !r.key)) assert.ok(row.gzip < library.gzip, `${row.name} ${kb(row.gzip)}`);
});
