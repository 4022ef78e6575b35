// Runs test/node/*.test.mjs and test/e2e/*.test.mjs with Node's test runner and writes the counts for scripts/test.mjs.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dirs = process.env.LF_NODE_DIRS ? process.env.LF_NODE_DIRS.split(',') : ['test/node', 'test/e2e'];
const files = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs'))
    .map((f) => join(dir, f)),
);
const counts = { passed: 0, failed: 0, skipped: 0 };
const stream = run({ files, concurrency: 1, timeout: 600_000 });
stream.on('test:pass', (data) => {
  if (data.details?.type === 'suite') return;
  if (data.skip || data.todo) counts.skipped += 1;
  else counts.passed += 1;
});
stream.on('test:fail', (data) => {
  if (data.details?.type !== 'suite') counts.failed += 1;
});
stream.on('end', () => {
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/node-counts.json', JSON.stringify(counts));
  process.exitCode = counts.failed > 0 ? 1 : 0;
});
stream.compose(spec).pipe(process.stdout);
