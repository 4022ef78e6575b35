// The fake Codat and Unified APIs the adapter tests talk to over loopback, with the ../shared/wire payloads.
//
// Every test works in its own session, named in the path, so browsers and files running at once never
// share state:
//
//   /vendor/<session>/codat/...                 Codat's Platform API paths (what the host's backend forwards)
//   /vendor/<session>/unified/unified/...        Unified's public API (workspace integrations)
//   /vendor/<session>/unified-host/connection    the host's backend mirroring Unified's /unified/connection
//   /vendor/<session>/_control                   POST { reset?, faults? } / GET: counts, requests and seed ids
//
// A fault is { path, query?, method?, times? = 1, delay?, action? ('drop': cut mid-answer | 'hang'), status?, body?, type?,
// headers?, retryAfter? (seconds), retryAfterDate? (seconds ahead, sent as an HTTP date) }. `path` is the
// path after the session ("/codat/integrations"), or a prefix when it ends with "*"; `query` (one
// "name=value" pair, e.g. "page=2") narrows it to requests carrying that parameter. A fault with only a
// delay answers normally after it; one with a status or body answers exactly that.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WIRE_DIR } from './wire-fixtures.mjs';

const PREFIX = '/vendor/';
/** The largest page the fake Codat serves, so that every list needs several pages. */
export const CODAT_PAGE_CAP = 3;
/** The longest a hanging request is held before the server lets go of it. */
const HANG_LIMIT = 30_000;
const MAX_SESSIONS = 400;
const sessions = new Map();

const fixture = (name) => JSON.parse(readFileSync(resolve(WIRE_DIR, name), 'utf8'));

function codatSeed() {
  const page = fixture('codat-connections-page.json');
  const rich = fixture('codat-connection.json');
  const companyId = /companies\/([^/]+)\//.exec(rich.linkUrl)[1];
  const link = (id, query = '') => `https://link-api.codat.io/companies/${companyId}/connections/${id}/start${query}`;
  const made = (n, key, name, sourceType, status, extra = {}) => {
    const id = `0c0da700-0000-4000-8000-00000000000${n}`;
    return {
      id,
      integrationId: `1c0da700-0000-4000-8000-00000000000${n}`,
      integrationKey: key,
      sourceId: `2c0da700-0000-4000-8000-00000000000${n}`,
      platformName: name,
      linkUrl: link(id, n % 2 ? '?otp=7c1e' : ''),
      status,
      created: '2023-03-0' + n + 'T09:00:00',
      sourceType,
      ...extra,
    };
  };
  const connections = [
    rich,
    ...page.results.filter((c) => c.id !== rich.id),
    made(3, 'qhyg', 'QuickBooks Online', 'Accounting', 'Deauthorized', {
      lastSync: '2023-03-04T10:00:00-05:00',
      dataConnectionErrors: [
        {
          statusCode: '401',
          statusText: 'Unauthorized',
          errorMessage: 'The access token was revoked.',
          erroredOnUtc: '2023-03-05T08:00:00Z',
          status: 'Active',
        },
      ],
    }),
    made(4, 'pkxo', 'Shopify', 'Commerce', 'Linked', { lastSync: '2023-03-06T10:00:00Z' }),
    made(5, 'tgff', 'Sage Business Cloud Accounting', 'Accounting', 'Unlinked'),
    made(6, 'gbol', 'Xero', 'Accounting', 'Linked', { lastSync: '2023-03-07T10:00:00.1234567Z' }),
    made(7, 'fbrh', 'FreeAgent', 'Accounting', 'PendingAuth'),
  ];
  const integrations = fixture('codat-integrations-page.json').results;
  const extra = [
    ['qhyg', 'QuickBooks Online', 'Accounting'],
    ['pkxo', 'Shopify', 'Commerce'],
    ['tgff', 'Sage Business Cloud Accounting', 'Accounting'],
    ['fbrh', 'FreeAgent', 'Accounting'],
  ];
  for (const [key, name, sourceType] of extra) {
    integrations.push({
      key,
      logoUrl: `https://static.codat.io/public/officialLogos/Full/${key}.png`,
      name,
      enabled: true,
      sourceType,
      isBeta: false,
    });
  }
  return { companyId, connections, integrations, created: 0 };
}

function unifiedSeed() {
  const rich = fixture('unified-connection.json');
  const list = fixture('unified-connections-list.json');
  const workspaceId = rich.workspace_id;
  const made = (n, type, name, categories, extra = {}) => ({
    id: `6543a1b2c3d4e5f6a7b8c9e${n}`,
    created_at: `2024-05-0${n}T10:00:00.000Z`,
    updated_at: `2024-05-0${n}T10:00:00.000Z`,
    workspace_id: workspaceId,
    integration_type: type,
    integration_name: name,
    external_xref: 'user_xyz789',
    permissions: ['webhook'],
    categories,
    auth: { token: '<SECRET-PLACEHOLDER-token>', client_secret: '<SECRET-PLACEHOLDER-client_secret>' },
    environment: 'Production',
    ...extra,
  });
  const connections = [
    rich,
    ...list.filter((c) => c.id !== rich.id),
    made(1, 'greenhouse', 'Greenhouse', ['ats'], { is_paused: true, last_healthy_at: '2024-05-01T11:00:00.000Z' }),
    made(2, 'bamboohr', 'BambooHR', ['hris'], {
      last_healthy_at: '2024-05-02T11:00:00.000Z',
      last_unhealthy_at: '2024-05-02T12:00:00.000Z',
      last_unhealthy_code: '500',
    }),
    made(3, 'shopify', 'Shopify', ['commerce', 'a_category_added_next_month']),
  ];
  const integrations = [
    ...fixture('unified-integrations-list.json'),
    { type: 'bamboohr', name: 'BambooHR', categories: ['hris'], is_active: false, beta: false },
  ];
  return { workspaceId, connections, integrations };
}

function freshSession() {
  return { codat: codatSeed(), unified: unifiedSeed(), faults: [], counts: {}, requests: [] };
}

function session(id) {
  let state = sessions.get(id);
  if (!state) {
    state = freshSession();
    sessions.set(id, state);
    while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
  }
  return state;
}

function seedSummary(state) {
  return {
    codat: {
      companyId: state.codat.companyId,
      connectionIds: state.codat.connections.map((c) => c.id),
      integrationKeys: state.codat.integrations.map((i) => i.key),
      pageCap: CODAT_PAGE_CAP,
    },
    unified: {
      workspaceId: state.unified.workspaceId,
      connectionIds: state.unified.connections.map((c) => c.id),
      integrationTypes: state.unified.integrations.filter((i) => i.is_active !== false).map((i) => i.type),
    },
  };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function send(ctx, status, body, type = 'application/json') {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  if (body === undefined) {
    ctx.body = '';
    ctx.remove('Content-Type');
    return;
  }
  ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
  ctx.type = type;
}

/** Resolves after `ms`, or as soon as the client goes away (true then). */
function waitOrClose(ctx, ms) {
  return new Promise((done) => {
    const onClose = () => {
      clearTimeout(timer);
      done(true);
    };
    const timer = setTimeout(() => {
      ctx.res.off('close', onClose);
      done(false);
    }, ms);
    ctx.res.once('close', onClose);
  });
}

const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

function codatError(status, error, extra = {}) {
  return {
    statusCode: status,
    service: 'PublicApi',
    error,
    correlationId: hex(32),
    canBeRetried: 'Unknown',
    detailedErrorCode: 0,
    ...extra,
  };
}

function unifiedError(status, error, message) {
  return { statusCode: status, error, message };
}

function codatPage(ctx, all, path) {
  const page = Number(ctx.query.page ?? 1);
  const asked = Number(ctx.query.pageSize ?? 100);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(asked) || asked < 1) {
    return send(
      ctx,
      400,
      codatError(400, 'Invalid paging parameters.', {
        validation: {
          errors: [{ itemId: 'page', message: 'page and pageSize must be positive integers', validatorName: 'Paging' }],
          warnings: [],
        },
      }),
    );
  }
  const size = Math.min(asked, CODAT_PAGE_CAP);
  const results = all.slice((page - 1) * size, page * size);
  const href = (n) => ({ href: `${path}?page=${n}&pageSize=${size}` });
  const links = { self: { href: path }, current: href(page) };
  if (page * size < all.length) links.next = href(page + 1);
  if (page > 1) links.previous = href(page - 1);
  return send(ctx, 200, { results, pageNumber: page, pageSize: size, totalResults: all.length, _links: links });
}

async function codat(ctx, state, rest, body) {
  const c = state.codat;
  if (rest === '/integrations' && ctx.method === 'GET') return codatPage(ctx, c.integrations, '/integrations');
  const m = /^\/companies\/([^/]+)\/connections(?:\/([^/]+))?$/.exec(rest);
  if (!m) return send(ctx, 404, codatError(404, `No route for ${ctx.method} ${rest}`));
  const [, companyId, connectionId] = m.map((part) => (part === undefined ? part : decodeURIComponent(part)));
  if (companyId !== c.companyId) return send(ctx, 404, codatError(404, `Company ${companyId} not found`));
  const base = `/companies/${companyId}/connections`;
  if (connectionId === undefined) {
    if (ctx.method === 'GET') return codatPage(ctx, c.connections, base);
    if (ctx.method === 'POST') {
      let input;
      try {
        input = JSON.parse(body);
      } catch {
        return send(ctx, 400, codatError(400, 'The request body is not valid JSON.'));
      }
      const integration = c.integrations.find((i) => i.key === input?.platformKey);
      if (!integration) {
        return send(
          ctx,
          400,
          codatError(400, 'One or more validation errors occurred.', {
            validation: {
              errors: [
                {
                  itemId: 'platformKey',
                  message: `Unknown platform key "${input?.platformKey}".`,
                  validatorName: 'PlatformKey',
                },
              ],
              warnings: [],
            },
          }),
        );
      }
      c.created += 1;
      const id = `9c0da700-0000-4000-8000-${String(c.created).padStart(12, '0')}`;
      const connection = {
        id,
        integrationId: integration.integrationId ?? `1c0da700-0000-4000-8000-${integration.key.padStart(12, '0')}`,
        integrationKey: integration.key,
        sourceId: integration.sourceId ?? `2c0da700-0000-4000-8000-${integration.key.padStart(12, '0')}`,
        platformName: integration.name,
        linkUrl: `https://link-api.codat.io/companies/${companyId}/connections/${id}/start?otp=4f2a&lang=en`,
        status: 'PendingAuth',
        created: new Date().toISOString(),
        sourceType: integration.sourceType ?? 'Other',
        dataConnectionErrors: null,
      };
      c.connections.push(connection);
      return send(ctx, 200, connection);
    }
    return send(ctx, 405, codatError(405, 'Method not allowed'));
  }
  const index = c.connections.findIndex((x) => x.id === connectionId);
  if (index < 0) return send(ctx, 404, codatError(404, `Data connection ${connectionId} not found`));
  const connection = c.connections[index];
  if (ctx.method === 'GET') return send(ctx, 200, connection);
  if (ctx.method === 'PATCH') {
    let input;
    try {
      input = JSON.parse(body);
    } catch {
      input = undefined;
    }
    if (input?.status !== 'Unlinked') {
      return send(
        ctx,
        400,
        codatError(400, 'One or more validation errors occurred.', {
          validation: {
            errors: [{ itemId: 'status', message: 'Only "Unlinked" may be set.', validatorName: 'Status' }],
            warnings: [],
          },
        }),
      );
    }
    connection.status = 'Unlinked';
    return send(ctx, 200, connection);
  }
  if (ctx.method === 'DELETE') {
    c.connections.splice(index, 1);
    return send(ctx, 200, undefined);
  }
  return send(ctx, 405, codatError(405, 'Method not allowed'));
}

function unified(ctx, state, rest) {
  const u = state.unified;
  const m = /^\/unified\/integration\/workspace\/([^/]+)$/.exec(rest);
  if (m && ctx.method === 'GET') {
    if (decodeURIComponent(m[1]) !== u.workspaceId) {
      return send(ctx, 404, unifiedError(404, 'Not Found', 'Workspace not found'));
    }
    let list = u.integrations;
    if (ctx.query.active === 'true') list = list.filter((i) => i.is_active !== false);
    const offset = Number(ctx.query.offset ?? 0);
    const limit = Number(ctx.query.limit ?? 100);
    return send(ctx, 200, list.slice(offset, offset + limit));
  }
  return send(ctx, 404, unifiedError(404, 'Not Found', `No route for ${ctx.method} ${rest}`));
}

function unifiedHost(ctx, state, rest) {
  const u = state.unified;
  if (rest === '/connection' && ctx.method === 'GET') {
    const offset = Number(ctx.query.offset ?? 0);
    const limit = Number(ctx.query.limit ?? 100);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1) {
      return send(ctx, 400, unifiedError(400, 'Bad Request', 'limit and offset must be non-negative integers'));
    }
    return send(ctx, 200, u.connections.slice(offset, offset + limit));
  }
  const m = /^\/connection\/([^/]+)$/.exec(rest);
  if (m) {
    const id = decodeURIComponent(m[1]);
    const index = u.connections.findIndex((c) => c.id === id);
    if (index < 0) return send(ctx, 404, unifiedError(404, 'Not Found', `Connection ${id} not found`));
    if (ctx.method === 'GET') return send(ctx, 200, u.connections[index]);
    if (ctx.method === 'DELETE') {
      u.connections.splice(index, 1);
      return send(ctx, 200, undefined);
    }
  }
  return send(ctx, 404, unifiedError(404, 'Not Found', `No route for ${ctx.method} ${rest}`));
}

function matches(fault, method, path, query) {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.query && !query.split('&').includes(fault.query)) return false;
  if (fault.path.endsWith('*')) return path.startsWith(fault.path.slice(0, -1));
  return fault.path === path;
}

/** Applies a fault; true when it answered (or dropped) the request itself. */
async function applyFault(ctx, fault) {
  if (fault.delay) {
    const closed = await waitOrClose(ctx, fault.delay);
    if (closed) {
      ctx.respond = false;
      return true;
    }
  }
  if (fault.action === 'drop') {
    // Cut the connection part-way through the answer. (Closing it before any byte is sent is not
    // enough: a browser silently sends the request again on a fresh connection when a reused one
    // closes before answering.)
    ctx.respond = false;
    ctx.res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': '4096',
      'Cache-Control': 'no-store',
    });
    ctx.res.write('{"results": [', () => ctx.req.socket.destroy());
    return true;
  }
  if (fault.action === 'hang') {
    await waitOrClose(ctx, HANG_LIMIT);
    ctx.respond = false;
    if (!ctx.res.writableEnded) ctx.res.destroy();
    return true;
  }
  if (fault.status === undefined && fault.body === undefined) return false;
  for (const [name, value] of Object.entries(fault.headers ?? {})) ctx.set(name, value);
  if (fault.retryAfter !== undefined) ctx.set('Retry-After', String(fault.retryAfter));
  if (fault.retryAfterDate !== undefined) {
    ctx.set('Retry-After', new Date(Date.now() + fault.retryAfterDate * 1000).toUTCString());
  }
  send(ctx, fault.status ?? 200, fault.body, fault.type ?? 'application/json');
  return true;
}

async function control(ctx, id) {
  if (ctx.method === 'POST') {
    let input;
    try {
      input = JSON.parse((await readBody(ctx.req)) || '{}');
    } catch {
      return send(ctx, 400, { error: 'control body is not JSON' });
    }
    if (input.reset) sessions.set(id, freshSession());
    const state = session(id);
    if (input.faults) state.faults = input.faults.map((f) => ({ times: 1, ...f }));
  }
  const state = session(id);
  return send(ctx, 200, { counts: state.counts, requests: state.requests, seed: seedSummary(state) });
}

/** Koa middleware: the fake vendors under /vendor/<session>/. */
export async function vendorServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  const m = /^\/vendor\/([A-Za-z0-9_-]{1,64})(\/.*)$/.exec(ctx.path);
  if (!m) return send(ctx, 400, { error: 'expected /vendor/<session>/...' });
  const [, id, path] = m;
  if (path === '/_control') return control(ctx, id);

  const state = session(id);
  const body = ['POST', 'PATCH', 'PUT'].includes(ctx.method) ? await readBody(ctx.req) : '';
  const key = `${ctx.method} ${path}`;
  state.counts[key] = (state.counts[key] ?? 0) + 1;
  const headers = {};
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (name === 'authorization' || name === 'content-type' || name.startsWith('x-')) headers[name] = value;
  }
  state.requests.push({ method: ctx.method, path, query: ctx.querystring, headers, body });

  const fault = state.faults.find((f) => f.times > 0 && matches(f, ctx.method, path, ctx.querystring));
  if (fault) {
    fault.times -= 1;
    if (await applyFault(ctx, fault)) return undefined;
  }

  const [, area, rest = ''] = /^\/([^/]+)(\/.*)?$/.exec(path) ?? [];
  if (area === 'codat') return codat(ctx, state, rest, body);
  if (area === 'unified') return unified(ctx, state, rest);
  if (area === 'unified-host') return unifiedHost(ctx, state, rest);
  return send(ctx, 404, { error: `unknown vendor area ${area}` });
}
