// The CSP test page: every element on the memory adapter, whose connections live in localStorage so
// the stand-in consent page (consent.ts) and the page the user comes back to share them.
import '../../src/define.js';
import { createMemoryAdapter } from '../../src/adapter/memory.js';
import type { LfErrorPanel } from '../../src/elements/error-panel/error-panel.js';
import type { LfProvider } from '../../src/elements/provider/provider.js';
import { LinkError } from '../../src/model/index.js';

const provider = document.querySelector<LfProvider>('#provider')!;
const panel = document.querySelector<LfErrorPanel>('#panel')!;

const adapter = createMemoryAdapter({ storage: localStorage, consentUrl: '/consent.html' });
provider.adapter = adapter;

panel.error = new LinkError('rate-limited', 'Too many requests were made. Try again in a moment.', {
  status: 429,
  correlationId: 'corr-7d4bd6ba0b8f',
  details: [{ path: 'results.0.status', message: 'Expected one of the known statuses' }],
});

// The connection the flow linked, for the test to find in the list.
document.addEventListener('lf-linked', (event) => sessionStorage.setItem('csp.linked', event.detail.connection.id));
