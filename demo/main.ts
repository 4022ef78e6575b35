// The demo (`npm start`): lf-link-flow and lf-connection-list on the memory adapter, whose connections
// live in localStorage so the redirect round trip (and a popup) see the same data. The settings are
// kept in localStorage too, so the page comes back from the provider as it left.
import '../src/define.js';
import { createMemoryAdapter, type MemoryAdapter } from '../src/adapter/memory.js';
import type { MemoryCatalogueName } from '../src/adapter/memory-catalogue.js';
import type { LfLinkFlow } from '../src/elements/link-flow/link-flow.js';
import type { LfProvider } from '../src/elements/provider/provider.js';
import type { LfConnectionList } from '../src/elements/connection-list/connection-list.js';
import type { WindowMode } from '../src/model/index.js';

interface DemoSettings {
  catalogue: MemoryCatalogueName;
  mode: WindowMode;
  lang: string;
  theme: 'auto' | 'light' | 'dark';
}

const SETTINGS_KEY = 'linkflow.demo.settings';
const DEFAULTS: DemoSettings = { catalogue: 'mixed', mode: 'redirect', lang: 'en', theme: 'auto' };

function load(): DemoSettings {
  try {
    return { ...DEFAULTS, ...(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Partial<DemoSettings>) };
  } catch {
    return { ...DEFAULTS };
  }
}

const provider = document.querySelector<LfProvider>('#provider')!;
const flow = document.querySelector<LfLinkFlow>('#flow')!;
const list = document.querySelector<LfConnectionList>('#list')!;
const form = document.querySelector<HTMLFormElement>('#settings')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

let settings = load();
let adapter: MemoryAdapter | undefined;

function apply(): void {
  const root = document.documentElement;
  root.lang = settings.lang;
  root.dir = settings.lang === 'ar' ? 'rtl' : 'ltr';
  if (settings.theme === 'auto') delete root.dataset['theme'];
  else root.dataset['theme'] = settings.theme;
  for (const element of [flow, list]) {
    if (settings.theme === 'auto') element.removeAttribute('theme');
    else element.setAttribute('theme', settings.theme);
  }
  provider.mode = settings.mode;
  if (!adapter || adapter !== currentAdapter()) provider.adapter = currentAdapter();
  for (const [name, value] of Object.entries(settings)) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLSelectElement) field.value = value;
  }
}

let adapterFor: MemoryCatalogueName | undefined;
function currentAdapter(): MemoryAdapter {
  if (!adapter || adapterFor !== settings.catalogue) {
    adapter = createMemoryAdapter({
      catalogue: settings.catalogue,
      storage: localStorage,
      latency: { min: 150, max: 450 },
      verifyDelay: 1200,
    });
    adapterFor = settings.catalogue;
  }
  return adapter;
}

form.addEventListener('change', (event) => {
  const field = event.target as HTMLSelectElement;
  settings = { ...settings, [field.name]: field.value } as DemoSettings;
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  apply();
});

document.querySelector('#reset')!.addEventListener('click', () => {
  currentAdapter().reset();
  provider.adapter = undefined;
  adapter = undefined;
  apply();
});

// Every lf-* event the elements fire, newest first, with its detail as the host would get it.
const EVENTS = [
  'lf-select',
  'lf-link-start',
  'lf-linked',
  'lf-error',
  'lf-cancel',
  'lf-state-change',
  'lf-retry',
  'lf-reconnect',
  'lf-unlink',
  'lf-remove',
  'lf-popup-blocked',
  'lf-dismiss',
] as const;
for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const detail = (event as Event & { detail?: unknown }).detail;
    const item = document.createElement('li');
    item.textContent = `${type} ${summarize(detail)}`;
    log.prepend(item);
    while (log.children.length > 30) log.lastElementChild?.remove();
  });
}

function summarize(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (value && typeof value === 'object') {
      const v = value as { key?: string; id?: string; code?: string; status?: string };
      parts.push(`${key}=${v.code ?? v.id ?? v.key ?? v.status ?? '…'}`);
    } else {
      parts.push(`${key}=${String(value)}`);
    }
  }
  return parts.join(' ');
}

// The list's reconnect starts the flow again for that connection.
list.addEventListener('lf-reconnect', (event) => {
  const { connection } = event.detail;
  void flow.flow?.select(connection.integrationKey, { connectionId: connection.id });
});

apply();
