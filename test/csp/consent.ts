// A stand-in for the provider's consent page, served under the same strict CSP: it reads the request
// the memory adapter put in its URL, applies Approve or Deny to the stored connections, and sends the
// user back to the app with the return parameters.
import {
  completeMemoryConsent,
  createMemoryAdapter,
  readMemoryConsent,
  type ConsentDecision,
} from '../../src/adapter/memory.js';

const byId = (id: string): HTMLElement => document.getElementById(id)!;
const request = readMemoryConsent(location.href);
const buttons = { approve: byId('approve') as HTMLButtonElement, deny: byId('deny') as HTMLButtonElement };

if (!request || request.returnUrl.origin !== location.origin) {
  byId('summary').textContent = 'This page was opened without a request it can answer.';
} else {
  const storageKey = request.storageKey?.startsWith('linkflow.memory.') ? request.storageKey : undefined;
  const adapter = createMemoryAdapter({ storage: localStorage, ...(storageKey ? { storageKey } : {}) });
  byId('summary').textContent = `The app asks for access to your ${request.integrationKey ?? ''} account.`;
  const decide = (decision: ConsentDecision) => {
    buttons.approve.disabled = buttons.deny.disabled = true;
    const back = completeMemoryConsent(adapter, location.href, decision);
    if (back.origin !== location.origin) throw new Error('The way back leads to another site.');
    byId('message').textContent = 'Returning to the app…';
    location.replace(back.href);
  };
  buttons.approve.addEventListener('click', () => decide('approve'));
  buttons.deny.addEventListener('click', () => decide('deny'));
  buttons.approve.disabled = buttons.deny.disabled = false;
}
