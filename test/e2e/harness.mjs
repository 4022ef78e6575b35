// Starts the demo's Vite dev server on loopback and drives Debian's Chromium with playwright-core.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, findBrowsers } from '../../scripts/browsers.mjs';

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `vite` (the demo) and resolves once it serves the demo's own page; `stop()` kills it by its own
 * pid. A port taken between choosing it and binding it (another process on the machine) is retried.
 */
export async function startDemo({ args = [] } = {}) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await startDemoOnce(args);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startDemoOnce(args) {
  const port = await freePort();
  const child = spawn(
    'node_modules/.bin/vite',
    ['--port', String(port), '--strictPort', '--host', '127.0.0.1', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BROWSER: 'none', FORCE_COLOR: '0' },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite exited early:\n${output}`);
    try {
      const response = await fetch(`${origin}/`);
      // Our page, from our server: not another process that answered on the port first.
      if (response.ok && (await response.text()).includes('/demo/main.ts') && output.includes(String(port))) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite did not serve the demo within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, output: () => output, stop };
}

/** Launches headless Chromium with the flags this closed network needs. */
export async function launchChromium() {
  const { chrome } = findBrowsers();
  return chromium.launch({
    executablePath: chrome,
    headless: true,
    args: CHROME_ARGS.filter((a) => !a.startsWith('--headless')),
  });
}
