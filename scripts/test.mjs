// `npm test`: type-check, lint, build, the manifest check, Node and end-to-end checks, every browser test in
// Chromium and Firefox, then every story as a test with axe in Chromium.
// Stops at the first failing step and ends with one summary line of counts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { findBrowsers } from './browsers.mjs';

const bin = (name) => `node_modules/.bin/${name}`;
const counts = { passed: 0, failed: 0, skipped: 0 };

function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (${seconds}s)`);
    finish(1);
  }
  console.log(`✔ ${title} (${seconds}s)`);
}

function addCounts(file) {
  if (!existsSync(file)) return;
  const c = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += c.passed;
  counts.failed += c.failed;
  counts.skipped += c.skipped;
  rmSync(file);
}

function addVitestCounts(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  rmSync(file);
}

function finish(code) {
  console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(code);
}

// Find (or install) the browsers first: one clear line when none can be had.
try {
  const found = findBrowsers();
  console.log(`browsers: ${found.chrome}, ${found.firefox}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

step('type-check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('lint', 'npm', ['run', '--silent', 'lint']);
step('build', 'node', ['scripts/build.mjs']);
step('custom-elements.json is current', 'node', ['scripts/manifest.mjs', '--check']);
step('node tests', 'node', ['scripts/node-tests.mjs']);
addCounts('.tmp/node-counts.json');
step('browser tests (Chromium, Firefox)', bin('web-test-runner'), ['--config', 'web-test-runner.config.mjs'], {
  LF_COUNTS_FILE: '.tmp/wtr-counts.json',
});
addCounts('.tmp/wtr-counts.json');
step('stories (Chromium, axe)', bin('vitest'), [
  'run',
  '--config',
  'vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/stories.json',
]);
addVitestCounts('.tmp/stories.json');
finish(counts.failed > 0 ? 1 : 0);
