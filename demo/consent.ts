// The demo's stand-in for a provider's consent screen: it shows which integration asks for access,
// applies the user's decision to the memory adapter's stored connections and sends the user back.
import { letterLogo } from '../src/adapter/logos.js';
import {
  completeMemoryConsent,
  createMemoryAdapter,
  readMemoryConsent,
  type ConsentDecision,
  type MemoryAdapter,
  type MemoryStorage,
} from '../src/adapter/memory.js';
import { catalogueIntegrations, MEMORY_CATALOGUES } from '../src/adapter/memory-catalogue.js';
import { LinkError } from '../src/model/index.js';

/** Storage keys this page may open: only the memory adapter's own. */
const STORE_PREFIX = 'linkflow.memory.';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`consent.html lacks #${id}`);
  return element as T;
};

const summary = byId<HTMLParagraphElement>('summary');
const scopes = byId<HTMLUListElement>('scopes');
const destination = byId<HTMLParagraphElement>('destination');
const message = byId<HTMLParagraphElement>('message');
const logo = byId<HTMLImageElement>('logo');
const buttons: Record<ConsentDecision, HTMLButtonElement> = {
  approve: byId('approve'),
  deny: byId('deny'),
  fail: byId('fail'),
};

function say(text: string, kind: 'info' | 'error' = 'info'): void {
  message.dataset['kind'] = kind;
  message.textContent = text;
}

function enable(on: boolean): void {
  for (const button of Object.values(buttons)) button.disabled = !on;
}

/** `localStorage`, or undefined where the browser forbids it (the adapter then keeps state in memory). */
function localStore(): MemoryStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Shows the integration asking: its name in the heading and text, its lettered logo beside it. */
function showAsker(name: string, key: string | undefined): void {
  const color = MEMORY_CATALOGUES.flatMap((c) => catalogueIntegrations(c)).find((i) => i.key === key)?.color;
  logo.src = letterLogo(name, color);
  logo.hidden = false;
  byId('title').textContent = `Connect ${name}`;
  document.title = `Connect ${name} · linkflow demo provider`;
  summary.replaceChildren('The linkflow demo app asks for access to your ', strong(name), ' account.');
  scopes.hidden = false;
}

function strong(text: string): HTMLElement {
  const element = document.createElement('strong');
  element.textContent = text;
  return element;
}

function decide(adapter: MemoryAdapter, here: URL, decision: ConsentDecision): void {
  enable(false);
  try {
    const back = completeMemoryConsent(adapter, here, decision);
    if (back.origin !== location.origin) throw new LinkError('unsafe-url', 'The way back leads to another site.');
    say('Returning to the app…');
    location.replace(back.href);
  } catch (error) {
    say(LinkError.is(error) ? error.message : 'The decision could not be applied.', 'error');
    enable(true);
  }
}

async function main(): Promise<void> {
  const here = new URL(location.href);
  const request = readMemoryConsent(here);
  if (!request) {
    summary.textContent = 'This page was opened without an authorization request, so there is nothing to decide.';
    return;
  }
  if (request.returnUrl.origin !== location.origin) {
    summary.textContent = 'This request would send you to another site afterwards, so it was stopped.';
    say('Nothing was authorized.', 'error');
    return;
  }

  const storage = localStore();
  const storageKey = request.storageKey?.startsWith(STORE_PREFIX) ? request.storageKey : undefined;
  const adapter = createMemoryAdapter({
    ...(storage ? { storage } : {}),
    ...(storageKey ? { storageKey } : {}),
  });

  let name = request.integrationKey ?? 'an integration';
  if (request.connectionId) {
    try {
      name = (await adapter.getConnection(request.connectionId)).integrationName;
    } catch {
      say('This request is no longer known here; approving it will report a failure to the app.', 'error');
    }
  }
  showAsker(name, request.integrationKey);
  destination.textContent = `Afterwards you return to ${request.returnUrl.origin}${request.returnUrl.pathname}.`;
  destination.hidden = false;

  for (const [decision, button] of Object.entries(buttons) as [ConsentDecision, HTMLButtonElement][]) {
    button.addEventListener('click', () => decide(adapter, here, decision));
  }
  enable(true);
}

void main();
