// Shared tools of the hardening tests: storages, shadow-DOM walks, event and console capture,
// unhandled-rejection tracking and an adapter that counts what it is asked.
import { waitUntil } from '@open-wc/testing';
import type { CallOptions, ConnectionAdapter } from '../../src/adapter/adapter.js';
import type { LfErrorPanel } from '../../src/elements/error-panel/error-panel.js';
import type { LfLinkFlow } from '../../src/elements/link-flow/link-flow.js';
import { en } from '../../src/elements/shared/locales/en.js';
import type { LinkErrorCode, LinkFlowStep } from '../../src/model/index.js';

/** Every `lf-*` event the library dispatches. */
export const LF_EVENTS = [
  'lf-cancel',
  'lf-dismiss',
  'lf-error',
  'lf-link-start',
  'lf-linked',
  'lf-popup-blocked',
  'lf-reconnect',
  'lf-remove',
  'lf-retry',
  'lf-select',
  'lf-state-change',
  'lf-unlink',
] as const;

/** The English catalogue's title of an error code, as the error panel shows it. */
export function errorTitle(code: LinkErrorCode): string {
  return en[`error.${code}.title` as keyof typeof en];
}

/** An English catalogue string by key. */
export function message(key: keyof typeof en): string {
  return en[key];
}

/** A `Storage` kept in memory (a fresh tab's `sessionStorage`). */
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

/** Every shadow root under `root`, nested ones included. */
export function shadowRoots(root: Document | ShadowRoot | Element = document): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (node: Document | ShadowRoot | Element): void => {
    for (const element of node.querySelectorAll('*')) {
      if (element.shadowRoot) {
        found.push(element.shadowRoot);
        visit(element.shadowRoot);
      }
    }
  };
  visit(root);
  return found;
}

/** The markup of the document and of every shadow root in it: all text and attributes a user agent holds. */
export function wholeMarkup(): string {
  return [document.documentElement.outerHTML, ...shadowRoots().map((root) => root.innerHTML)].join('\n');
}

/** The first element matching `selector` in `root` or any shadow root beneath it. */
export function queryDeep<T extends Element = HTMLElement>(
  selector: string,
  root: Document | ShadowRoot | Element = document,
): T | null {
  const direct = root.querySelector<T>(selector);
  if (direct) return direct;
  for (const shadow of shadowRoots(root)) {
    const inside = shadow.querySelector<T>(selector);
    if (inside) return inside;
  }
  return null;
}

/** Whether `needle` appears anywhere in `value`: strings, keys, own non-enumerable properties, nested. */
export function deepContains(value: unknown, needle: string, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return value.includes(needle);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value).includes(needle);
  }
  if (typeof value === 'symbol') return String(value.description ?? '').includes(needle);
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof Node) {
    return (value instanceof Element ? value.outerHTML : (value.textContent ?? '')).includes(needle);
  }
  if (value instanceof Map)
    return [...value].some(([k, v]) => deepContains(k, needle, seen) || deepContains(v, needle, seen));
  if (value instanceof Set) return [...value].some((v) => deepContains(v, needle, seen));
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && key.includes(needle)) return true;
    let inner: unknown;
    try {
      inner = (value as Record<PropertyKey, unknown>)[key];
    } catch {
      continue;
    }
    if (deepContains(inner, needle, seen)) return true;
  }
  return false;
}

/** Records every `lf-*` event that reaches the document (all are composed and bubble). */
export function captureEvents(): { readonly events: Event[]; stop(): void } {
  const events: Event[] = [];
  const listener = (event: Event): void => void events.push(event);
  for (const type of LF_EVENTS) document.addEventListener(type, listener, true);
  return {
    events,
    stop: () => {
      for (const type of LF_EVENTS) document.removeEventListener(type, listener, true);
    },
  };
}

const CONSOLE_METHODS = [
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'dir',
  'table',
  'group',
  'groupCollapsed',
] as const;

/** Wraps the console methods and records the arguments of every call; passes them on unless `forward` is false. */
export function captureConsole({ forward = true }: { forward?: boolean } = {}): {
  readonly calls: { method: string; args: unknown[] }[];
  stop(): void;
} {
  const calls: { method: string; args: unknown[] }[] = [];
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  const originals = new Map<string, (...args: unknown[]) => void>();
  for (const method of CONSOLE_METHODS) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    target[method] = (...args: unknown[]) => {
      calls.push({ method, args });
      if (forward) original.apply(console, args);
    };
  }
  return {
    calls,
    stop: () => {
      for (const [method, original] of originals) target[method] = original;
    },
  };
}

/** Records every unhandled promise rejection and uncaught error of the page while installed. */
export function trackUnhandled(): { readonly rejections: unknown[]; readonly errors: unknown[]; stop(): void } {
  const rejections: unknown[] = [];
  const errors: unknown[] = [];
  const onRejection = (event: PromiseRejectionEvent): void => void rejections.push(event.reason);
  const onError = (event: ErrorEvent): void => void errors.push(event.error ?? event.message);
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return {
    rejections,
    errors,
    stop: () => {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    },
  };
}

/** What an instrumented adapter saw: calls per method, requests still running, signals it was given. */
export interface AdapterLog {
  readonly calls: Record<string, number>;
  /** Calls whose promise has not settled yet. */
  inFlight: number;
  readonly signals: AbortSignal[];
}

/** Wraps `adapter` so every call is counted and its in-flight time tracked. */
export function instrument<A extends ConnectionAdapter>(adapter: A): { adapter: A; log: AdapterLog } {
  const log: AdapterLog = { calls: {}, inFlight: 0, signals: [] };
  const wrap = <T>(name: string, options: CallOptions | undefined, run: () => Promise<T>): Promise<T> => {
    log.calls[name] = (log.calls[name] ?? 0) + 1;
    if (options?.signal) log.signals.push(options.signal);
    log.inFlight += 1;
    const promise = run();
    promise.then(
      () => (log.inFlight -= 1),
      () => (log.inFlight -= 1),
    );
    return promise;
  };
  const wrapped = {
    ...adapter,
    listIntegrations: (o?: CallOptions) => wrap('listIntegrations', o, () => adapter.listIntegrations(o)),
    listConnections: (o?: CallOptions) => wrap('listConnections', o, () => adapter.listConnections(o)),
    getConnection: (id: string, o?: CallOptions) => wrap('getConnection', o, () => adapter.getConnection(id, o)),
    startLink: (key: string, o: Parameters<ConnectionAdapter['startLink']>[1]) =>
      wrap('startLink', o, () => adapter.startLink(key, o)),
    readReturn: (url: URL) => adapter.readReturn(url),
    ...(adapter.unlink
      ? { unlink: (id: string, o?: CallOptions) => wrap('unlink', o, () => adapter.unlink!(id, o)) }
      : {}),
    ...(adapter.remove
      ? { remove: (id: string, o?: CallOptions) => wrap('remove', o, () => adapter.remove!(id, o)) }
      : {}),
  } as A;
  return { adapter: wrapped, log };
}

/** Waits until the link flow element reaches `step`. */
export function untilStep(element: LfLinkFlow, step: LinkFlowStep, timeout = 5000): Promise<void> {
  return waitUntil(() => element.step === step, `expected step ${step}, still ${element.step}`, { timeout });
}

/** The error panel the link flow shows, once rendered. */
export async function flowErrorPanel(element: LfLinkFlow): Promise<LfErrorPanel> {
  await element.updateComplete;
  const panel = element.shadowRoot!.querySelector<LfErrorPanel>('lf-error-panel');
  if (!panel) throw new Error(`no error panel; step ${element.step}`);
  await panel.updateComplete;
  return panel;
}

/** What an error panel says: its title, message and the code it is about. */
export function panelText(panel: LfErrorPanel): { title: string; message: string; code: string | null } {
  const root = panel.shadowRoot!;
  return {
    title: root.querySelector('[part~="title"]')?.textContent?.trim() ?? '',
    message: root.querySelector('[part~="message"]')?.textContent?.trim() ?? '',
    code: root.querySelector('[part~="base"]')?.getAttribute('data-code') ?? null,
  };
}

/** One turn of the event loop through a MessageChannel (not throttled in background tabs). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Waits `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts live timers, intervals, global listeners and resize observations made by the library's own code. */
export function instrumentGlobals() {
  const ours = () => (new Error().stack ?? '').includes(`${location.origin}/src/`);
  const timers = new Set<unknown>();
  const intervals = new Set<unknown>();
  const listeners = new Map<string, number>();
  const observed = new Map<ResizeObserver, Set<Element>>();
  const made = { timers: 0, intervals: 0, listeners: 0, observations: 0 };
  const w = window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = {
    setTimeout: w['setTimeout']!,
    clearTimeout: w['clearTimeout']!,
    setInterval: w['setInterval']!,
    clearInterval: w['clearInterval']!,
    add: EventTarget.prototype.addEventListener,
    remove: EventTarget.prototype.removeEventListener,
    observe: ResizeObserver.prototype.observe,
    unobserve: ResizeObserver.prototype.unobserve,
    disconnect: ResizeObserver.prototype.disconnect,
  };
  w['setTimeout'] = (callback: unknown, ms?: unknown, ...args: unknown[]) => {
    const track = ours();
    const id = saved.setTimeout.call(
      window,
      () => {
        timers.delete(id);
        (callback as (...a: unknown[]) => void)(...args);
      },
      ms,
    );
    if (track) {
      timers.add(id);
      made.timers += 1;
    }
    return id;
  };
  w['clearTimeout'] = (id: unknown) => {
    timers.delete(id);
    return saved.clearTimeout.call(window, id);
  };
  w['setInterval'] = (...args: unknown[]) => {
    const id = saved.setInterval.apply(window, args);
    if (ours()) {
      intervals.add(id);
      made.intervals += 1;
    }
    return id;
  };
  w['clearInterval'] = (id: unknown) => {
    intervals.delete(id);
    return saved.clearInterval.call(window, id);
  };
  // Listeners on the page itself and on anything that is not a node (channels, media queries, ports);
  // an AbortSignal's listeners end with its request.
  const globalTarget = (target: EventTarget) =>
    target === window ||
    target === document ||
    target === document.documentElement ||
    target === document.body ||
    (!(target instanceof Node) && !(target instanceof AbortSignal));
  const ids = new WeakMap<object, number>();
  let next = 1;
  const idOf = (value: object) => {
    if (!ids.has(value)) ids.set(value, next++);
    return ids.get(value)!;
  };
  const keyOf = (target: EventTarget, type: string, listener: unknown, options: unknown) => {
    const capture = typeof options === 'boolean' ? options : Boolean((options as { capture?: boolean })?.capture);
    return `${idOf(target)}|${type}|${idOf(listener as object)}|${capture}`;
  };
  EventTarget.prototype.addEventListener = function (this: EventTarget, type, listener, options) {
    if (listener && globalTarget(this) && ours()) {
      listeners.set(keyOf(this, type, listener, options), 1);
      made.listeners += 1;
    }
    return saved.add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type, listener, options) {
    if (listener) listeners.delete(keyOf(this, type, listener, options));
    return saved.remove.call(this, type, listener, options);
  };
  ResizeObserver.prototype.observe = function (this: ResizeObserver, target, options) {
    if (!observed.has(this)) observed.set(this, new Set());
    observed.get(this)!.add(target);
    made.observations += 1;
    return saved.observe.call(this, target, options);
  };
  ResizeObserver.prototype.unobserve = function (this: ResizeObserver, target) {
    observed.get(this)?.delete(target);
    return saved.unobserve.call(this, target);
  };
  ResizeObserver.prototype.disconnect = function (this: ResizeObserver) {
    observed.delete(this);
    return saved.disconnect.call(this);
  };
  return {
    made,
    live: () => ({
      timers: timers.size,
      intervals: intervals.size,
      listeners: listeners.size,
      observations: [...observed.values()].reduce((sum, set) => sum + set.size, 0),
    }),
    restore: () => {
      Object.assign(w, {
        setTimeout: saved.setTimeout,
        clearTimeout: saved.clearTimeout,
        setInterval: saved.setInterval,
        clearInterval: saved.clearInterval,
      });
      EventTarget.prototype.addEventListener = saved.add;
      EventTarget.prototype.removeEventListener = saved.remove;
      ResizeObserver.prototype.observe = saved.observe;
      ResizeObserver.prototype.unobserve = saved.unobserve;
      ResizeObserver.prototype.disconnect = saved.disconnect;
    },
  };
}
