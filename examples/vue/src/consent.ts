// The memory adapter's stand-in for a provider's consent screen: the user approves, denies or fails the
// request, the decision is applied to the connections in localStorage, and the user goes back to the app.
import {
  LinkError,
  completeMemoryConsent,
  createMemoryAdapter,
  readMemoryConsent,
  type ConsentDecision,
} from 'linkflow';

const here = new URL(location.href);
const request = readMemoryConsent(here);
const summary = document.getElementById('summary')!;
const message = document.getElementById('message')!;

if (!request || request.returnUrl.origin !== location.origin) {
  summary.textContent = 'This page was opened without an authorization request from this app.';
} else {
  summary.textContent = `The Vue example asks for access to your ${request.integrationKey ?? ''} account.`;
  const adapter = createMemoryAdapter({
    storage: localStorage,
    ...(request.storageKey?.startsWith('linkflow.memory.') ? { storageKey: request.storageKey } : {}),
  });
  for (const decision of ['approve', 'deny', 'fail'] as const satisfies readonly ConsentDecision[]) {
    const button = document.getElementById(decision) as HTMLButtonElement;
    button.disabled = false;
    button.addEventListener('click', () => {
      try {
        location.replace(completeMemoryConsent(adapter, here, decision).href);
      } catch (error) {
        message.textContent = LinkError.is(error) ? error.message : 'The decision could not be applied.';
      }
    });
  }
}
