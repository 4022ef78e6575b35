// The bench page: each scenario runs on the built library (bench/run.mjs points the two imports of src/
// below at dist/) and answers raw samples (ms, bytes, request counts); bench/run.mjs drives it in headless
// Chromium and sums up.
import '../../src/define.js';
import {
  completeMemoryConsent,
  createMemoryAdapter,
  type Connection,
  type ConnectionAdapter,
  type Integration,
  type LfConnectionPicker,
  type LfStatusIndicator,
} from '../../src/index.js';
import type { FlowWindow, StorageLike } from '../../src/flow/index.js';

/** What one timed scenario answers: the timed samples, the untimed warm-up, and what was seen. */
export interface Samples {
  /** One duration per timed run, ms: the main thread's work up to the painted frame (see `toPaint`). */
  readonly ms: number[];
  /** The same runs up to the painted frame, waiting for the display's next frame included, ms. */
  readonly waited?: number[];
  /** The warm-up run (the first in a fresh page), ms. */
  readonly cold?: number;
  readonly [extra: string]: unknown;
}

/** One run timed to its painted frame. */
interface PaintTiming {
  /** The main thread's work: `start` to the work settled, plus the painted frame's own rendering. */
  readonly busy: number;
  /** `start` to the frame painted, the wait for that frame included. */
  readonly total: number;
}

type WithMemory = Performance & { memory?: { usedJSHeapSize: number } };

const stage = document.getElementById('stage')!;
const CATEGORIES = ['accounting', 'banking', 'commerce', 'crm', 'hris', 'payments', 'storage', 'ticketing'];
const FIRST = [
  'Acme', 'Apex', 'Blue', 'Bright', 'Cedar', 'Clear', 'Delta', 'Echo', 'Falcon', 'Green', 'Harbor', 'Iron',
  'Juniper', 'Keystone', 'Lumen', 'Maple', 'North', 'Orbit', 'Pioneer', 'Quartz', 'River', 'Sage', 'Summit',
  'Terra', 'Union', 'Vertex', 'West', 'Zenith',
]; // prettier-ignore
const SECOND = [
  'Books', 'Ledger', 'Pay', 'Payroll', 'People', 'CRM', 'Bank', 'Commerce', 'Cloud', 'Desk', 'Files', 'Sync',
  'Ticket', 'Works', 'Hub', 'Suite',
]; // prettier-ignore

// ------------------------------------------------------------------------------------------- helpers

/** One task later: a MessageChannel message, which no timer clamping delays. */
function task(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Resolves once the next frame is painted: its animation-frame callbacks run, then a task after them. */
async function painted(): Promise<void> {
  await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  await task();
}

/**
 * Times from `start` to the painted frame that shows the work `settled` waits for. Frames come at
 * the display's pace (60 Hz in headless Chromium too), so the wait for the next one
 * (0 to 16.7 ms) is left out of `busy`: the work is timed to its end, style and layout forced there,
 * and the next frame from its animation-frame callback to a task after its paint.
 */
async function toPaint(start: number, settled: () => Promise<void>): Promise<PaintTiming> {
  await settled();
  void document.body.offsetHeight;
  const workEnd = performance.now();
  const frameStart = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  await task();
  const end = performance.now();
  return { busy: workEnd - start + (end - frameStart), total: end - start };
}

/** Waits (in microtasks only, so no frame can slip in) until `element` and the elements inside it are updated. */
async function updated(element: LitLike): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    const pending = [element, ...inside(element)].filter((el) => el.isUpdatePending);
    if (!pending.length) {
      // An update may be requested from a microtask queued by the last one (a measured layout).
      await null;
      if (![element, ...inside(element)].some((el) => el.isUpdatePending)) return;
      continue;
    }
    await Promise.all(pending.map((el) => el.updateComplete));
  }
}

interface LitLike extends HTMLElement {
  readonly isUpdatePending: boolean;
  readonly updateComplete: Promise<boolean>;
}

/** The Lit elements in `element`'s shadow root (one level: the picker's status indicators). */
function inside(element: HTMLElement): LitLike[] {
  const root = element.shadowRoot;
  if (!root) return [];
  return [...root.querySelectorAll<HTMLElement>('*')].filter((el): el is LitLike => 'updateComplete' in el);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs a full garbage collection when Chromium exposes one (`--js-flags=--expose-gc`). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The JS heap in use, bytes (precise with `--enable-precise-memory-info`); NaN where unknown. */
function heap(): number {
  return (performance as WithMemory).memory?.usedJSHeapSize ?? Number.NaN;
}

/** A seeded generator (mulberry32): the same lists on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` integrations with plausible names ("Sage Ledger", "Orbit Pay 3"), one or two categories each. */
function makeIntegrations(n: number): Integration[] {
  const next = random(n);
  const combos = FIRST.length * SECOND.length;
  return Array.from({ length: n }, (_, i) => {
    const base = `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
    const name = i < combos ? base : `${base} ${Math.floor(i / combos) + 1}`;
    const first = CATEGORIES[Math.floor(next() * CATEGORIES.length)]!;
    const second = CATEGORIES[Math.floor(next() * CATEGORIES.length)]!;
    return {
      key: `${name.toLowerCase().replace(/\s+/g, '-')}-${i}`,
      name,
      categories: first === second ? [first] : [first, second],
      enabled: next() > 0.05,
      beta: next() < 0.08,
    };
  });
}

/** A linked connection to `integration`, id `id`. */
function connectionTo(integration: Integration, id: string): Connection {
  return {
    id,
    integrationKey: integration.key,
    integrationName: integration.name,
    status: 'linked',
    health: 'healthy',
    paused: false,
    categories: [...integration.categories],
    createdAt: '2026-01-15T09:00:00Z',
    updatedAt: '2026-01-15T09:00:00Z',
    lastSyncAt: '2026-01-15T09:00:00Z',
    issues: [],
  };
}

/** A Storage-like map in memory. */
function mapStorage(): StorageLike {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}

/** An adapter that counts every call it passes on. */
function counting(adapter: ConnectionAdapter): { adapter: ConnectionAdapter; calls: string[] } {
  const calls: string[] = [];
  const wrapped: ConnectionAdapter = {
    listIntegrations: (o) => (calls.push('listIntegrations'), adapter.listIntegrations(o)),
    listConnections: (o) => (calls.push('listConnections'), adapter.listConnections(o)),
    getConnection: (id, o) => (calls.push('getConnection'), adapter.getConnection(id, o)),
    startLink: (key, o) => (calls.push('startLink'), adapter.startLink(key, o)),
    readReturn: (url) => adapter.readReturn(url),
  };
  return { adapter: wrapped, calls };
}

/** The calls made, as `{ listConnections: 1 }`. */
function tally(calls: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of calls) out[call] = (out[call] ?? 0) + 1;
  return out;
}

/** A window for the flow that stays on this page: navigations are recorded, never followed. */
function benchWindow(href: string, sessionStorage: StorageLike): FlowWindow & { assigned: string[] } {
  let current = href;
  const assigned: string[] = [];
  return {
    assigned,
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
    document: { visibilityState: 'visible', addEventListener: () => undefined, removeEventListener: () => undefined },
    name: '',
    opener: null,
    close: () => undefined,
    open: () => null,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    sessionStorage,
  };
}

async function until(test: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Clears the stage and the heap, and lets a frame pass, so one run does not pay for the last. */
async function settle(): Promise<void> {
  stage.replaceChildren();
  await painted();
  collect();
  await painted();
}

const label = (indicator: LfStatusIndicator): string =>
  indicator.shadowRoot?.querySelector('[part~="label"]')?.textContent?.trim() ?? '';

const options = (picker: LfConnectionPicker): number =>
  picker.shadowRoot?.querySelectorAll('[role="option"]').length ?? 0;

// ----------------------------------------------------------------------------------------- scenarios

/** The cost of the measurement itself: one text change, to the painted frame. */
async function frameFloor(runs: number): Promise<Samples> {
  const probe = document.createElement('p');
  stage.replaceChildren(probe);
  const ms: number[] = [];
  const waited: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    await painted();
    const t0 = performance.now();
    probe.textContent = `run ${i}`;
    const timing = await toPaint(t0, async () => undefined);
    if (i === 0) continue;
    ms.push(timing.busy);
    waited.push(timing.total);
  }
  stage.replaceChildren();
  return { ms, waited };
}

/** A picker of `n` integrations: insertion to the first painted frame, and the heap with it on the page. */
async function pickerRender(n: number, runs: number): Promise<Samples> {
  const integrations = makeIntegrations(n);
  // The user is connected to one integration in 25: some rows carry a status indicator.
  const connections = integrations.filter((_, i) => i % 25 === 3).map((it, i) => connectionTo(it, `conn_${i}`));
  const ms: number[] = [];
  const waited: number[] = [];
  const heapUsed: number[] = [];
  const heapAdded: number[] = [];
  let cold: number | undefined;
  let rendered = 0;
  for (let i = 0; i <= runs; i += 1) {
    await settle();
    const before = heap();
    const t0 = performance.now();
    const picker = document.createElement('lf-connection-picker');
    picker.integrations = integrations;
    picker.connections = connections;
    stage.append(picker);
    const timing = await toPaint(t0, () => updated(picker));
    rendered = options(picker);
    if (!rendered) throw new Error(`bench: the picker of ${n} rendered no option`);
    collect();
    const after = heap();
    if (i === 0) {
      cold = timing.busy;
      continue;
    }
    ms.push(timing.busy);
    waited.push(timing.total);
    heapUsed.push(after);
    heapAdded.push(after - before);
  }
  await settle();
  return { ms, waited, cold, heapUsed, heapAdded, rendered, connections: connections.length };
}

interface KeyProbe {
  picker: LfConnectionPicker;
  input: HTMLInputElement;
  /** The measurement of the latest keystroke, settled once its list is painted. */
  pending?: Promise<{ ms: number; waited: number; results: number }>;
}

let keyProbe: KeyProbe | undefined;

/**
 * Mounts a picker of `n` integrations and focuses its search box; the runner then presses real keys
 * and reads each with `keyResult()`: from the keydown's time stamp to the filtered list painted.
 */
async function keysSetup(n: number): Promise<{ shown: number }> {
  await settle();
  const picker = document.createElement('lf-connection-picker');
  picker.integrations = makeIntegrations(n);
  stage.append(picker);
  await updated(picker);
  await painted();
  const input = picker.shadowRoot?.querySelector<HTMLInputElement>('input[part~="search"]');
  if (!input) throw new Error('bench: the picker has no search box');
  const probe: KeyProbe = { picker, input };
  let start = 0;
  input.addEventListener('keydown', (event) => {
    start = event.timeStamp;
  });
  // Added after the picker's own listener (made at its first render), so it runs after the picker saw it.
  input.addEventListener('input', () => {
    const t0 = start || performance.now();
    probe.pending = (async () => {
      const timing = await toPaint(t0, () => updated(picker));
      return { ms: timing.busy, waited: timing.total, results: picker.results.length };
    })();
  });
  input.focus();
  keyProbe = probe;
  return { shown: options(picker) };
}

/** The measurement of the keystroke just pressed. */
async function keyResult(): Promise<{ ms: number; waited: number; results: number; query: string }> {
  const probe = keyProbe;
  if (!probe?.pending) throw new Error('bench: no keystroke reached the search box');
  const result = await probe.pending;
  probe.pending = undefined;
  return { ...result, query: probe.picker.query };
}

/**
 * 200 status indicators under one provider, each keeping its own connection live (`distinct`) or all
 * keeping the same one: requests on mount and per refresh, and the time from a change of one
 * connection in the adapter and `store.refresh('connections')` to every indicator painted with it.
 */
async function indicators(runs: number, distinct: boolean): Promise<Samples> {
  await settle();
  const count = 200;
  const integrations = makeIntegrations(count);
  const connections = integrations.map((it, i) => connectionTo(it, `conn_${i}`));
  const storage = mapStorage();
  const storageKey = 'linkflow.bench.indicators';
  const memory = createMemoryAdapter({ seed: { integrations, connections }, storage, storageKey });
  const { adapter, calls } = counting(memory);
  const provider = document.createElement('lf-provider');
  provider.adapter = adapter;
  const shown: LfStatusIndicator[] = [];
  const list = document.createElement('ul');
  for (let i = 0; i < count; i += 1) {
    // One row per connection, as a page listing them lays them out.
    const row = document.createElement('li');
    const indicator = document.createElement('lf-status-indicator');
    indicator.connectionId = distinct ? `conn_${i}` : 'conn_0';
    row.append(`${integrations[i]!.name} `, indicator);
    list.append(row);
    shown.push(indicator);
  }
  provider.append(list);
  stage.append(provider);
  const expected = new Map(connections.map((c) => [c.id, 'Connected']));
  const allShow = (): boolean => shown.every((ind) => label(ind) === expected.get(ind.connectionId!));
  await until(allShow, 'the indicators to show their connections');
  await sleep(50);
  const onMount = tally(calls);
  const store = provider.store;
  if (!store) throw new Error('bench: the provider made no store');
  // Which indicators re-render: each one's `update` is wrapped to note it.
  const updates = new Set<LfStatusIndicator>();
  for (const indicator of shown) {
    const own = indicator as unknown as { update(changed: unknown): void };
    const update = own.update.bind(indicator);
    own.update = (changed) => {
      updates.add(indicator);
      update(changed);
    };
  }

  const ms: number[] = [];
  const waited: number[] = [];
  const requests: number[] = [];
  /** How many indicators re-rendered for the refresh. */
  const rerendered: number[] = [];
  const perRefresh: Record<string, number>[] = [];
  let cold: number | undefined;
  for (let i = 0; i <= runs; i += 1) {
    await painted();
    // One connection changes at the vendor: linked ↔ access revoked, straight in the adapter's storage.
    const id = distinct ? `conn_${(i * 37) % count}` : 'conn_0';
    const state = JSON.parse(storage.getItem(storageKey)!) as { connections: Connection[] };
    const target = state.connections.find((c) => c.id === id)!;
    target.status = target.status === 'linked' ? 'deauthorized' : 'linked';
    storage.setItem(storageKey, JSON.stringify(state));
    expected.set(id, target.status === 'linked' ? 'Connected' : 'Access revoked');
    calls.length = 0;

    const t0 = performance.now();
    let timing = await toPaint(t0, async () => {
      await store.refresh('connections');
      await Promise.all(shown.map((ind) => updated(ind)));
    });
    // Should the change take more than one frame to reach them all, time it to the frame that shows it.
    while (!allShow()) {
      if (performance.now() > t0 + 5000) throw new Error('bench: the indicators never showed the change');
      await painted();
      const total = performance.now() - t0;
      timing = { busy: total, total };
    }
    await sleep(20);
    perRefresh.push(tally(calls));
    rerendered.push(updates.size);
    updates.clear();
    if (i === 0) {
      cold = timing.busy;
      continue;
    }
    ms.push(timing.busy);
    waited.push(timing.total);
    requests.push(calls.length);
  }
  await settle();
  return {
    ms,
    waited,
    cold,
    onMount,
    requests,
    rerendered: rerendered.slice(1),
    perRefresh: perRefresh.slice(1),
    indicators: count,
    distinct,
  };
}

/**
 * The redirect round trip on the memory adapter at `latency` ms: choose, go to the consent page
 * (recorded, not followed), approve, and come back to a fresh `lf-link-flow` on the return URL.
 * Timed and counted from that element's insertion (the page load after the return) to `linked`.
 */
async function flow(runs: number, latency: number): Promise<Samples> {
  const app = `${location.origin}/app/settings/integrations`;
  const ms: number[] = [];
  const painting: number[] = [];
  const requests: number[] = [];
  const calls: Record<string, number>[] = [];
  const after: number[] = [];
  let cold: number | undefined;
  for (let i = 0; i <= runs; i += 1) {
    await settle();
    const records = mapStorage();
    const data = mapStorage();
    // Leaving: choose an integration (no latency: this part is not measured).
    const before = createMemoryAdapter({ catalogue: 'mixed', storage: data });
    const out = benchWindow(app, records);
    const first = document.createElement('lf-link-flow');
    first.adapter = before;
    first.flowOptions = { window: out, storage: records };
    stage.append(first);
    await until(() => first.step === 'choosing', 'the flow to offer its integrations');
    const integration = first.flow!.snapshot.integrations!.find((it) => it.enabled)!;
    await first.flow!.select(integration.key);
    await until(() => out.assigned.length === 1, 'the flow to leave for the consent page');
    first.remove();
    const back = completeMemoryConsent(before, out.assigned[0]!, 'approve');
    await settle();

    // Back: a new page load on the return URL, with a new adapter on the same storage.
    const memory = createMemoryAdapter({ catalogue: 'mixed', storage: data, latency });
    const counted = counting(memory);
    const returned = benchWindow(back.href, records);
    let linkedAt = 0;
    const t0 = performance.now();
    const element = document.createElement('lf-link-flow');
    element.adapter = counted.adapter;
    element.flowOptions = { window: returned, storage: records };
    element.addEventListener('lf-linked', () => (linkedAt = performance.now()), { once: true });
    stage.append(element);
    await until(() => linkedAt > 0 || element.step === 'failed', 'the flow to link', 20_000);
    if (element.step === 'failed') throw new Error(`bench: the flow failed: ${element.flow?.snapshot.error?.message}`);
    const atLinked = counted.calls.length;
    const linkedCalls = tally(counted.calls);
    await element.updateComplete;
    await painted();
    const paintedAt = performance.now();
    // Anything the linked view asks for next (within two round trips) is reported apart.
    await sleep(2 * latency + 50);
    const later = counted.calls.length - atLinked;
    if (i === 0) {
      cold = linkedAt - t0;
      continue;
    }
    ms.push(linkedAt - t0);
    painting.push(paintedAt - t0);
    requests.push(atLinked);
    calls.push(linkedCalls);
    after.push(later);
  }
  await settle();
  return { ms, cold, painted: painting, requests, calls, after, latency };
}

const api = { frameFloor, pickerRender, keysSetup, keyResult, indicators, flow, ready: true };

declare global {
  interface Window {
    /** The bench's scenarios, for bench/run.mjs. */
    lfBench?: typeof api;
  }
}

window.lfBench = api;
