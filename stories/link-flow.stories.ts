import { html, nothing, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import type { MemoryAdapter, MemoryAdapterOptions } from '../src/adapter/memory.js';
import type { LfLinkFlow } from '../src/elements/link-flow/link-flow.js';
import type { LinkErrorCode, LinkFlowStep, WindowMode } from '../src/model/index.js';
import {
  INTEGRATIONS,
  LONG_INTEGRATION,
  LONG_NAME,
  SLOW,
  SLOW_WAIT,
  action,
  appUrl,
  darkFrame,
  manyIntegrations,
  memory,
  memoryStorage,
  narrowFrame,
  pendingAdapter,
  rendered,
  returnedFrom,
  rtlFrame,
  shadow,
  startingAdapter,
  storyWindow,
  textIn,
  themeAttr,
  type StoryWindow,
} from './support.js';

interface Args {
  mode?: WindowMode;
  'allowed-origins'?: string;
  'return-url'?: string;
  'connection-id'?: string;
  theme?: 'light' | 'dark';
  [name: string]: unknown;
}

/** What every story of the flow runs on: an adapter, and a window and storage of its own (never the page's). */
interface Setup {
  readonly adapter: ConnectionAdapter;
  readonly window: StoryWindow;
  readonly storage: Storage;
}

/** Polls often enough for a story, and keeps `verifying` on screen for ten minutes. */
const POLL = { initial: 250, max: 2000, deadline: 600_000 };

const flow = (args: Args, setup: Setup, content: TemplateResult | typeof nothing = nothing): TemplateResult =>
  html`<lf-link-flow
    mode=${args.mode ?? nothing}
    allowed-origins=${args['allowed-origins'] ?? nothing}
    return-url=${args['return-url'] ?? nothing}
    connection-id=${args['connection-id'] ?? nothing}
    theme=${themeAttr(args.theme)}
    .adapter=${setup.adapter}
    .flowOptions=${{ window: setup.window.win, storage: setup.storage }}
    .poll=${POLL}
    @lf-select=${action(args, 'onLfSelect')}
    @lf-link-start=${action(args, 'onLfLinkStart')}
    @lf-linked=${action(args, 'onLfLinked')}
    @lf-error=${action(args, 'onLfError')}
    @lf-cancel=${action(args, 'onLfCancel')}
    @lf-state-change=${action(args, 'onLfStateChange')}
    @lf-popup-blocked=${action(args, 'onLfPopupBlocked')}
    @lf-retry=${action(args, 'onLfRetry')}
    @lf-reconnect=${action(args, 'onLfReconnect')}
    @lf-dismiss=${action(args, 'onLfDismiss')}
    >${content}</lf-link-flow
  >`;

/** A setup on `adapter`, on the page the flow believes it is on. */
function setupWith(adapter: ConnectionAdapter, popup: 'open' | 'blocked' = 'open'): Setup {
  const storage = memoryStorage();
  return { adapter, storage, window: storyWindow(appUrl(), { storage, popup }) };
}

/** The memory adapter with the stories' integrations and no connection yet. */
const seeded = (options: MemoryAdapterOptions = {}): MemoryAdapter =>
  memory({ seed: { integrations: INTEGRATIONS, connections: [] }, ...options });

const meta: Meta<Args> = {
  title: 'Elements/lf-link-flow',
  component: 'lf-link-flow',
  loaders: [async () => ({ setup: setupWith(seeded()) })],
  render: (args, { loaded }) => flow(args, (loaded as { setup: Setup }).setup),
  argTypes: {
    mode: { control: 'inline-radio', options: [undefined, 'redirect', 'popup'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    'allowed-origins': { control: 'text' },
    'return-url': { control: 'text' },
    'connection-id': { control: 'text' },
    // Read-only: the flow reflects its step here.
    step: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component:
          'Every story runs on a window of its own that records where the flow would send the page, so nothing here leaves Storybook.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<Args>;

const untilStep = (el: LfLinkFlow, step: LinkFlowStep, options = SLOW_WAIT) =>
  waitFor(() => expect(el.step).toBe(step), options);
const heading = (el: LfLinkFlow): string => textIn(shadow(el), '[part~="heading"]');
const setupOf = (loaded: unknown): Setup => (loaded as { setup: Setup }).setup;

/** The option named `name` in the picker inside the flow, once it is shown. */
async function option(el: LfLinkFlow, name: string): Promise<HTMLElement> {
  let found: HTMLElement | undefined;
  await waitFor(() => {
    const picker = shadow(el).querySelector('lf-connection-picker');
    const options = [...(picker?.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
    found = options.find((o) => textIn(o, '[part~="label"]') === name);
    expect(found).toBeDefined();
  }, SLOW_WAIT);
  return found!;
}

// ---------------------------------------------------------------- choosing

export const Loading: Story = {
  loaders: [async () => ({ setup: setupWith(pendingAdapter()) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'loading');
    await expect(heading(el)).toBe('Connect an account');
  },
};

export const Choosing: Story = {
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'choosing');
    await option(el, 'Xero');
  },
};

export const Empty: Story = {
  name: 'No integrations',
  loaders: [async () => ({ setup: setupWith(memory({ seed: { integrations: [], connections: [] } })) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'choosing');
    const picker = shadow(el).querySelector('lf-connection-picker')!;
    await waitFor(() => expect(textIn(shadow(picker), '[part~="empty"]')).toBe('No integrations are available.'));
  },
};

export const MemoryCatalogue: Story = {
  name: 'Memory adapter catalogue (both vendors)',
  loaders: [async () => ({ setup: setupWith(memory()) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await option(el, 'Xero');
  },
};

export const Many: Story = {
  name: 'Many integrations (1,500)',
  loaders: [
    async () => ({ setup: setupWith(memory({ seed: { integrations: manyIntegrations(1500), connections: [] } })) }),
  ],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await option(el, 'Integration 0001');
  },
};

/** The host's own heading in place of the default one. */
export const HeadingSlot: Story = {
  name: 'Heading slot',
  render: (args, { loaded }) =>
    flow(args, setupOf(loaded), html`<h3 slot="heading" style="margin:0 0 0.5rem">Connect your accounting</h3>`),
};

// ---------------------------------------------------------------- starting and authorizing

export const Starting: Story = {
  name: 'Starting (waiting for the link URL)',
  loaders: [async () => ({ setup: setupWith(startingAdapter()) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await userEvent.click(await option(el, 'Xero'));
    await untilStep(el, 'starting');
    await waitFor(() => expect(heading(el)).toBe('Opening Xero…'));
  },
};

/** Redirect mode: the flow sends the (recording) window to the consent page; this page stays. */
export const AuthorizingRedirect: Story = {
  name: 'Authorizing, redirect',
  args: { mode: 'redirect' },
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    const starts: unknown[] = [];
    el.addEventListener('lf-link-start', (event) => starts.push(event.detail));
    await userEvent.click(await option(el, 'Xero'));
    await untilStep(el, 'authorizing');
    await expect(heading(el)).toBe('Taking you to Xero…');
    const { assigned } = setupOf(loaded).window;
    await expect(assigned.length).toBe(1);
    await expect(new URL(assigned[0]!).pathname).toBe('/demo/consent.html');
    await expect(starts).toEqual([{ integrationKey: 'xero', mode: 'redirect' }]);
  },
};

/** Popup mode: the (recording) popup gets the consent page; the flow waits for it. */
export const AuthorizingPopup: Story = {
  name: 'Authorizing, popup',
  args: { mode: 'popup' },
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await userEvent.click(await option(el, 'QuickBooks Online'));
    await untilStep(el, 'authorizing');
    await expect(heading(el)).toBe('Continue in the QuickBooks Online window');
    const { popupUrls, assigned } = setupOf(loaded).window;
    await expect(popupUrls.length).toBe(1);
    await expect(assigned).toEqual([]);
  },
};

/** The popup cannot open: `lf-popup-blocked`, and the flow redirects instead. */
export const PopupBlocked: Story = {
  name: 'Popup blocked, redirecting instead',
  args: { mode: 'popup' },
  loaders: [async () => ({ setup: setupWith(seeded(), 'blocked') })],
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    let blocked = 0;
    el.addEventListener('lf-popup-blocked', () => (blocked += 1));
    await userEvent.click(await option(el, 'Xero'));
    await untilStep(el, 'authorizing');
    await expect(blocked).toBe(1);
    await expect(setupOf(loaded).window.assigned.length).toBe(1);
  },
};

// ---------------------------------------------------------------- back from the provider

/** Loads the flow on the page the consent page sent the user back to. */
const returned = (decision: Parameters<typeof returnedFrom>[0], options: MemoryAdapterOptions = {}) => [
  async () => {
    const back = await returnedFrom(decision, options);
    return { setup: { adapter: back.adapter, storage: back.storage, window: back.window } };
  },
];

export const Verifying: Story = {
  name: 'Verifying (approved, not yet linked)',
  loaders: returned('approve', { verifyDelay: 600_000 }),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'verifying');
    await waitFor(() => expect(heading(el)).toBe('Checking your Xero connection…'));
    const status = shadow(el).querySelector('lf-status-indicator');
    await waitFor(() => expect(textIn(shadow(status!), '[part~="label"]')).toBe('Waiting for authorization'));
  },
};

export const Linked: Story = {
  loaders: returned('approve'),
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'linked');
    await expect(heading(el)).toBe('Xero is connected');
    // The return parameters left the (recording) address bar.
    await expect(setupOf(loaded).window.win.location.href).not.toContain('lf_state');
  },
};

/** The host's own content under the linked connection. */
export const LinkedSlot: Story = {
  name: 'Linked, with the host’s next step',
  loaders: returned('approve'),
  render: (args, { loaded }) =>
    flow(args, setupOf(loaded), html`<a slot="linked" href="#continue">Continue to your dashboard</a>`),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'linked');
  },
};

export const Cancelled: Story = {
  name: 'Cancelled at the provider',
  loaders: returned('deny'),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'cancelled');
    await expect(heading(el)).toBe('Connecting Xero was cancelled');
  },
};

export const CancelledByUser: Story = {
  name: 'Cancelled while waiting',
  loaders: [async () => ({ setup: setupWith(startingAdapter()) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await userEvent.click(await option(el, 'Xero'));
    await untilStep(el, 'starting');
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part~="cancel"]')!);
    await untilStep(el, 'cancelled');
  },
};

export const FailedAtProvider: Story = {
  name: 'Failed at the provider',
  loaders: returned('fail'),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'failed');
    const panel = shadow(el).querySelector('lf-error-panel')!;
    await waitFor(() => expect(textIn(shadow(panel), '[part~="title"]')).toBe('The provider reported a problem'));
  },
};

/** A return whose state matches no link started here is refused, and links nothing. */
export const ReturnStateMismatch: Story = {
  name: 'Return with an unknown state',
  loaders: [
    async () => {
      const storage = memoryStorage();
      const href = `${appUrl()}?lf_state=${'x'.repeat(32)}&lf_connection=conn_forged&lf_outcome=approved`;
      return { setup: { adapter: seeded(), storage, window: storyWindow(href, { storage }) } };
    },
  ],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'failed');
    const panel = shadow(el).querySelector('lf-error-panel')!;
    await waitFor(() => expect(textIn(shadow(panel), '[part~="title"]')).toBe('Sign-in could not be verified'));
  },
};

/** The adapter answers a link URL on another origin than the allowed one: nothing opens. */
export const UnsafeLink: Story = {
  name: 'Link URL not on an allowed origin',
  args: { 'allowed-origins': 'https://auth.example.com' },
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await userEvent.click(await option(el, 'Xero'));
    await untilStep(el, 'failed');
    const panel = shadow(el).querySelector('lf-error-panel')!;
    await waitFor(() => expect(textIn(shadow(panel), '[part~="title"]')).toBe('Unsafe link blocked'));
    await expect(setupOf(loaded).window.assigned).toEqual([]);
  },
};

// ---------------------------------------------------------------- failing with each error code

/** Loading the integrations fails with `code`: the failed step shows the error panel for it. */
function failedWith(code: LinkErrorCode): Story {
  return {
    name: `Failed: ${code}`,
    loaders: [async () => ({ setup: setupWith(seeded({ failures: { listIntegrations: code } })) })],
    play: async ({ canvasElement }) => {
      const el = await rendered(canvasElement, 'lf-link-flow');
      await untilStep(el, 'failed');
      const panel = shadow(el).querySelector('lf-error-panel')!;
      await waitFor(() => expect(shadow(panel).querySelector('[part~="base"]')?.getAttribute('data-code')).toBe(code));
    },
  };
}

export const FailedNetwork = failedWith('network');
export const FailedTimeout = failedWith('timeout');
export const FailedHttp = failedWith('http');
export const FailedUnauthorized = failedWith('unauthorized');
export const FailedNotFound = failedWith('not-found');
export const FailedRateLimited = failedWith('rate-limited');
export const FailedInvalidResponse = failedWith('invalid-response');
export const FailedUnsafeUrl = failedWith('unsafe-url');
export const FailedStateMismatch = failedWith('state-mismatch');
export const FailedPopupBlocked = failedWith('popup-blocked');
export const FailedCancelled = failedWith('cancelled');
export const FailedProvider = failedWith('provider');
export const FailedExpired = failedWith('expired');

// ---------------------------------------------------------------- the memory adapter, slow and failing

export const SlowAdapter: Story = {
  name: 'Memory adapter, slow',
  loaders: [async () => ({ setup: setupWith(seeded({ latency: SLOW })) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await expect(el.step).toBe('loading');
    await untilStep(el, 'choosing');
    await option(el, 'Xero');
  },
};

/** Starting the link fails; once the adapter works again, Try again starts it. */
export const FailingAdapter: Story = {
  name: 'Memory adapter, failing, then retried',
  loaders: [async () => ({ setup: setupWith(seeded({ failures: { startLink: 'network' } })) })],
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await userEvent.click(await option(el, 'Xero'));
    await untilStep(el, 'failed');
    const panel = shadow(el).querySelector('lf-error-panel')!;
    await waitFor(() => expect(textIn(shadow(panel), '[part~="title"]')).toBe('Connection problem'));
    (setupOf(loaded).adapter as MemoryAdapter).setFailure('startLink', undefined);
    await userEvent.click(shadow(panel).querySelector<HTMLButtonElement>('[part~="retry"]')!);
    await untilStep(el, 'authorizing');
    await expect(setupOf(loaded).window.assigned.length).toBe(1);
  },
};

// ---------------------------------------------------------------- themes, languages, long names

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [darkFrame],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await option(el, 'Xero');
  },
};

export const DarkLinked: Story = {
  name: 'Dark, linked',
  args: { theme: 'dark' },
  decorators: [darkFrame],
  loaders: returned('approve'),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'linked');
  },
};

export const DarkFailed: Story = {
  name: 'Dark, failed',
  args: { theme: 'dark' },
  decorators: [darkFrame],
  loaders: returned('fail'),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'failed');
  },
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  decorators: [rtlFrame],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await option(el, 'Xero');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('dir')).toBe('rtl');
    await waitFor(() => expect(heading(el)).toBe('ربط حساب'));
  },
};

export const RightToLeftLinked: Story = {
  name: 'Right to left, linked',
  decorators: [rtlFrame],
  loaders: returned('approve'),
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await untilStep(el, 'linked');
  },
};

export const LongName: Story = {
  name: 'Long name (narrow)',
  decorators: [narrowFrame],
  loaders: [
    async () => ({
      setup: setupWith(memory({ seed: { integrations: [LONG_INTEGRATION, ...INTEGRATIONS], connections: [] } })),
    }),
  ],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await option(el, LONG_NAME);
  },
};

export const LongNameAuthorizing: Story = {
  name: 'Long name, authorizing (narrow)',
  decorators: [narrowFrame],
  loaders: [
    async () => ({
      setup: setupWith(memory({ seed: { integrations: [LONG_INTEGRATION, ...INTEGRATIONS], connections: [] } })),
    }),
  ],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-link-flow');
    await userEvent.click(await option(el, LONG_NAME));
    await untilStep(el, 'authorizing');
    await expect(heading(el)).toBe(`Taking you to ${LONG_NAME}…`);
  },
};
