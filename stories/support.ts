// Shared fixtures and decorators of the stories: integrations, connections and errors in every state,
// memory adapters (plain, slow, failing, never answering), dark and right-to-left frames, and a window
// for the link flow that records where it would go instead of going there.
import { html, nothing } from 'lit';
import type { Decorator } from '@storybook/web-components-vite';
import '../src/define.js';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import {
  createMemoryAdapter,
  type ConsentDecision,
  type MemoryAdapter,
  type MemoryAdapterOptions,
} from '../src/adapter/memory.js';
import { LinkFlow } from '../src/flow/link-flow.js';
import type { FlowWindow, PopupLike } from '../src/flow/window-strategy.js';
import {
  LINK_ERROR_CODES,
  LinkError,
  type Connection,
  type ConnectionHealth,
  type ConnectionStatus,
  type Integration,
  type LinkErrorCode,
} from '../src/model/index.js';

export { LINK_ERROR_CODES };
export type { LinkErrorCode };

/** Every connection status and health, in the order the stories show them. */
export const STATUSES: readonly ConnectionStatus[] = ['pending', 'linked', 'unlinked', 'deauthorized'];
export const HEALTHS: readonly ConnectionHealth[] = ['healthy', 'unhealthy', 'unknown'];

/** A name long enough to wrap or truncate in every layout. */
export const LONG_NAME =
  'Microsoft Dynamics 365 Business Central (Europe, Middle East and Africa) — Finance and Operations Sandbox';

const MINUTE = 60_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

// ---------------------------------------------------------------- integrations

/** A handful of integrations: accounting, CRM, HR, one in beta and one unavailable. */
export const INTEGRATIONS: Integration[] = [
  { key: 'xero', name: 'Xero', categories: ['accounting'], enabled: true, beta: false, color: '#0d7ea3' },
  {
    key: 'quickbooks',
    name: 'QuickBooks Online',
    categories: ['accounting'],
    enabled: true,
    beta: false,
    color: '#258717',
  },
  { key: 'exact', name: 'Exact Online', categories: ['accounting'], enabled: true, beta: true, color: '#c8001a' },
  {
    key: 'freeagent',
    name: 'FreeAgent',
    categories: ['accounting'],
    enabled: false,
    beta: false,
    color: '#1d7da1',
  },
  { key: 'hubspot', name: 'HubSpot', categories: ['crm', 'ticketing'], enabled: true, beta: false, color: '#b75740' },
  { key: 'bamboohr', name: 'BambooHR', categories: ['hris'], enabled: true, beta: false, color: '#4b8113' },
];

/** An integration with a very long name. */
export const LONG_INTEGRATION: Integration = {
  key: 'dynamics-emea',
  name: LONG_NAME,
  categories: ['accounting', 'erp'],
  enabled: true,
  beta: true,
  color: '#002050',
};

const CATEGORIES = ['accounting', 'banking', 'commerce', 'crm', 'hris', 'ats', 'ticketing', 'storage'];
const COLORS = ['#0d7ea3', '#258717', '#6100a5', '#b75740', '#1a2a3a', '#0052cc', '#986c12', '#c84c3b'];

/** `count` integrations (the picker keeps only those in view in the DOM). */
export function manyIntegrations(count = 1500): Integration[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `integration-${i + 1}`,
    name: `Integration ${String(i + 1).padStart(4, '0')}`,
    categories: [CATEGORIES[i % CATEGORIES.length]!],
    enabled: i % 17 !== 5,
    beta: i % 11 === 3,
    color: COLORS[i % COLORS.length]!,
  }));
}

// ---------------------------------------------------------------- connections

/** A connection to `integration` in `status` and `health`, synced five minutes ago when linked. */
export function connectionTo(
  integration: Integration,
  status: ConnectionStatus,
  health: ConnectionHealth = status === 'linked' ? 'healthy' : 'unknown',
  extra: Partial<Connection> = {},
): Connection {
  const unhealthy = health === 'unhealthy';
  return {
    id: `conn_${integration.key}_${status}_${health}`,
    integrationKey: integration.key,
    integrationName: integration.name,
    status,
    health,
    paused: false,
    categories: [...integration.categories],
    createdAt: ago(90 * 24 * 60 * MINUTE),
    updatedAt: ago(5 * MINUTE),
    ...(status === 'linked' || unhealthy ? { lastSyncAt: ago(unhealthy ? 3 * 60 * MINUTE : 5 * MINUTE) } : {}),
    issues: unhealthy
      ? [
          {
            message: 'The ledger could not be read: the account is locked for the period end.',
            code: 'ledger_locked',
            occurredAt: ago(2 * 60 * MINUTE),
            active: true,
          },
        ]
      : [],
    ...extra,
  };
}

const [XERO, QBO, EXACT, , HUBSPOT, BAMBOO] = INTEGRATIONS as [
  Integration,
  Integration,
  Integration,
  Integration,
  Integration,
  Integration,
];

/** One connection per status and health, and a paused one. */
export const CONNECTIONS: Connection[] = [
  connectionTo(XERO, 'linked', 'healthy'),
  connectionTo(QBO, 'linked', 'unhealthy'),
  connectionTo(HUBSPOT, 'linked', 'unknown'),
  connectionTo(EXACT, 'pending'),
  connectionTo(BAMBOO, 'deauthorized', 'unknown', {
    issues: [
      {
        message: 'The user revoked access in BambooHR.',
        code: 'access_revoked',
        occurredAt: ago(26 * 60 * MINUTE),
        active: true,
      },
    ],
  }),
  connectionTo({ ...XERO, key: 'sage', name: 'Sage Accounting' }, 'unlinked'),
  connectionTo({ ...QBO, key: 'netsuite', name: 'Oracle NetSuite' }, 'linked', 'healthy', { paused: true }),
];

/** A linked connection to the integration with the long name. */
export const LONG_CONNECTION = connectionTo(LONG_INTEGRATION, 'linked', 'unhealthy');

// ---------------------------------------------------------------- errors

/** A `LinkError` of `code` as an adapter or the flow reports it, with status, reference and details where they fit. */
export function linkError(code: LinkErrorCode): LinkError {
  switch (code) {
    case 'network':
      return new LinkError(code, 'Failed to fetch');
    case 'timeout':
      return new LinkError(code, 'The connection service took longer than 30 s to answer.');
    case 'http':
      return new LinkError(code, 'Internal Server Error', { status: 502, correlationId: 'req_7f3a9c2e51d04b8a' });
    case 'unauthorized':
      return new LinkError(code, 'The access token has expired.', {
        status: 401,
        correlationId: 'req_0b1c2d3e4f5a6b7c',
      });
    case 'not-found':
      return new LinkError(code, 'There is no connection "conn_4b2f0c9d".', { status: 404 });
    case 'rate-limited':
      return new LinkError(code, 'Too many requests.', { status: 429, correlationId: 'req_aa18c0de77f2' });
    case 'invalid-response':
      return new LinkError(code, 'The list of connections could not be read.', {
        correlationId: 'req_51e0f2b9d3c4',
        details: [
          { path: 'results.0.status', message: 'Invalid option: expected one of "PendingAuth"|"Linked"|"Unlinked"' },
          { path: 'results.3.platformKey', message: 'Invalid input: expected string, received undefined' },
        ],
      });
    case 'unsafe-url':
      return new LinkError(code, 'The authorization URL "http://auth.example.com/consent" is not https.');
    case 'state-mismatch':
      return new LinkError(code, 'This return does not match a link started here.');
    case 'popup-blocked':
      return new LinkError(code, 'The browser did not open the window.');
    case 'cancelled':
      return new LinkError(code, 'The user closed the window.', { retryable: false });
    case 'provider':
      return new LinkError(code, 'Xero answered: access_denied (the organisation has no active subscription).', {
        correlationId: 'xero-5d0e6a77',
        details: [{ path: '', message: 'organisation_inactive' }],
      });
    case 'expired':
      return new LinkError(code, 'The authorization was started more than 30 minutes ago.');
  }
}

// ---------------------------------------------------------------- adapters

/** The memory adapter with the given options (its mixed catalogue by default). */
export function memory(options: MemoryAdapterOptions = {}): MemoryAdapter {
  return createMemoryAdapter(options);
}

/** Latency of the slow stories: long enough to see the loading state, short enough for a test. */
export const SLOW = { min: 900, max: 1400 } as const;

/** How long a test waits for something a slow adapter delivers. */
export const SLOW_WAIT = { timeout: 5000 } as const;

function cancelled(): LinkError {
  return new LinkError('cancelled', 'The request was cancelled.', { retryable: false });
}

/** A promise that never settles, except with `cancelled` when `signal` aborts. */
function never<T>(signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((_, reject) => {
    signal?.addEventListener('abort', () => reject(cancelled()), { once: true });
  });
}

/** An adapter whose calls never answer: the loading state, held. */
export function pendingAdapter(): ConnectionAdapter {
  return {
    listIntegrations: (o) => never(o?.signal),
    listConnections: (o) => never(o?.signal),
    getConnection: (_id, o) => never(o?.signal),
    startLink: (_key, o) => never(o.signal),
    readReturn: () => null,
  };
}

/** The memory adapter, except that `startLink` never answers: the link flow's `starting` step, held. */
export function startingAdapter(): ConnectionAdapter {
  const adapter = memory({ seed: { integrations: INTEGRATIONS, connections: [] } });
  return { ...adapter, startLink: (_key, o) => never(o.signal) };
}

// ---------------------------------------------------------------- frames

/** The page colour behind dark stories. */
export const DARK_BACKGROUND = '#0b1220';

/** A dark page behind the story (the story sets `theme="dark"` on the element). */
export const darkFrame: Decorator = (story) =>
  html`<div style="background:${DARK_BACKGROUND};color:#f3f4f6;padding:1rem;min-block-size:100%">${story()}</div>`;

/** An Arabic, right-to-left page around the story. */
export const rtlFrame: Decorator = (story) => html`<div dir="rtl" lang="ar">${story()}</div>`;

/** A narrow column, where long names have to wrap. */
export const narrowFrame: Decorator = (story) => html`<div style="max-inline-size:20rem">${story()}</div>`;

/** Story parameters of the dark stories: the dark page, in the canvas and the docs. */
export const DARK_PARAMETERS = { backgrounds: { disable: true } } as const;

/** `theme` as an attribute value, or no attribute. */
export const themeAttr = (theme: unknown): string | typeof nothing =>
  theme === 'light' || theme === 'dark' ? theme : nothing;

/** An action handler from the story's args (the manifest's events become `onLf…` actions), if any. */
export function action(args: Record<string, unknown>, name: string): ((event: Event) => void) | undefined {
  const handler = args[name];
  return typeof handler === 'function' ? (handler as (event: Event) => void) : undefined;
}

// ---------------------------------------------------------------- the link flow's window

/** A `Storage` in memory, so the stories never touch the page's session storage. */
export function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

/** A window for the link flow that records navigations and popups instead of leaving the page. */
export interface StoryWindow {
  readonly win: FlowWindow;
  /** Every URL the flow sent the page to (redirect mode). */
  readonly assigned: string[];
  /** Every URL loaded into a popup (popup mode). */
  readonly popupUrls: string[];
}

/** The page the link flow believes it is on: this origin, so the memory adapter's consent URL is safe. */
export const appUrl = (): string => `${location.origin}/app/settings/integrations`;

/** A recording window at `href`; `popup: 'blocked'` makes `window.open` fail as a blocker would. */
export function storyWindow(
  href: string = appUrl(),
  options: { popup?: 'open' | 'blocked'; storage?: Storage } = {},
): StoryWindow {
  let current = href;
  const assigned: string[] = [];
  const popupUrls: string[] = [];
  const noop = (): void => {};
  const win: FlowWindow = {
    location: {
      get href() {
        return current;
      },
      get origin() {
        return new URL(current).origin;
      },
      assign: (url: string) => void assigned.push(url),
    },
    history: {
      state: null,
      replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => {
        if (url !== undefined && url !== null) current = new URL(String(url), current).href;
      },
    },
    document: { visibilityState: 'visible', addEventListener: noop, removeEventListener: noop },
    name: '',
    opener: null,
    close: noop,
    open: () => {
      if (options.popup === 'blocked') return null;
      const popup: PopupLike & { closed: boolean } = {
        closed: false,
        close() {
          popup.closed = true;
        },
        focus: noop,
        location: { replace: (url: string) => void popupUrls.push(url) },
      };
      return popup;
    },
    addEventListener: noop,
    removeEventListener: noop,
    ...(options.storage ? { sessionStorage: options.storage } : {}),
  };
  return { win, assigned, popupUrls };
}

/** What a story of the link flow's return needs: the adapter, its storage, and the page it returns to. */
export interface Returned {
  readonly adapter: MemoryAdapter;
  readonly storage: Storage;
  readonly window: StoryWindow;
}

/**
 * Runs a link to Xero up to the provider, answers the memory adapter's consent page with `decision`,
 * and answers the page the user comes back to, as a loader of the return stories.
 */
export async function returnedFrom(decision: ConsentDecision, options: MemoryAdapterOptions = {}): Promise<Returned> {
  const storage = memoryStorage();
  const adapter = memory({ seed: { integrations: INTEGRATIONS, connections: [] }, ...options });
  const first = storyWindow(appUrl(), { storage });
  const flow = new LinkFlow({ source: adapter, window: first.win, storage });
  await flow.load();
  await flow.select('xero');
  flow.dispose();
  const consent = first.assigned[0];
  if (!consent) throw new Error('The link to Xero did not reach the consent page.');
  const back = adapter.completeConsent(consent, decision);
  return { adapter, storage, window: storyWindow(back.href, { storage }) };
}

// ---------------------------------------------------------------- play helpers

/** The element `tag` the story rendered, once it has rendered. */
export async function rendered<K extends keyof HTMLElementTagNameMap>(
  canvas: HTMLElement,
  tag: K,
): Promise<HTMLElementTagNameMap[K]> {
  const element = canvas.querySelector(tag);
  if (!element) throw new Error(`The story rendered no <${tag}>.`);
  await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return element;
}

/** The shadow root of an element the story rendered. */
export function shadow(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`<${element.localName}> has no shadow root.`);
  return element.shadowRoot;
}

/** The trimmed, space-collapsed text of the first match of `selector` in `root`, or ''. */
export function textIn(root: ParentNode, selector: string): string {
  return root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
