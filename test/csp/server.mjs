// A tiny static server for the CSP test: every answer carries the strict policy, and CSP reports
// posted to /csp-report are kept for the test to read.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** The policy under test: nothing inline, no eval, Trusted Types enforced with Lit's policy only. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
  'report-uri /csp-report',
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** Serves the pages of `pages` and the bundles of `built` on a free loopback port. */
export async function startCspServer({ pages = 'test/csp', built = '.tmp/csp' } = {}) {
  const reports = [];
  const routes = {
    '/': join(pages, 'index.html'),
    '/index.html': join(pages, 'index.html'),
    '/consent.html': join(pages, 'consent.html'),
    '/page.css': join(pages, 'page.css'),
    '/violations.js': join(pages, 'violations.js'),
    '/main.js': join(built, 'main.js'),
    '/main.js.map': join(built, 'main.js.map'),
    '/consent.js': join(built, 'consent.js'),
    '/consent.js.map': join(built, 'consent.js.map'),
  };
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'POST' && pathname === '/csp-report') {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      try {
        reports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reports.push({ unreadable: Buffer.concat(chunks).toString('utf8') });
      }
      res.writeHead(204).end();
      return;
    }
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = routes[pathname];
    if (!file || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not built');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    reports,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
