import { html, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Connection, LinkError, LinkErrorCode } from '../src/model/index.js';
import {
  CONNECTIONS,
  INTEGRATIONS,
  LINK_ERROR_CODES,
  LONG_CONNECTION,
  SLOW,
  SLOW_WAIT,
  action,
  darkFrame,
  linkError,
  memory,
  narrowFrame,
  rendered,
  rtlFrame,
  shadow,
  textIn,
  themeAttr,
} from './support.js';

interface Args {
  theme?: 'light' | 'dark';
  autofocus?: boolean;
  connection?: Connection;
  [name: string]: unknown;
}

interface Loaded {
  error?: LinkError;
}

const panel = (args: Args, error?: LinkError): TemplateResult =>
  html`<lf-error-panel
    theme=${themeAttr(args.theme)}
    ?autofocus=${args.autofocus ?? false}
    .error=${error}
    .connection=${args.connection}
    @lf-retry=${action(args, 'onLfRetry')}
    @lf-reconnect=${action(args, 'onLfReconnect')}
    @lf-dismiss=${action(args, 'onLfDismiss')}
  ></lf-error-panel>`;

const meta: Meta<Args> = {
  title: 'Elements/lf-error-panel',
  component: 'lf-error-panel',
  render: (args, { loaded }) => panel(args, (loaded as Loaded).error),
  argTypes: {
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
};
export default meta;

type Story = StoryObj<Args>;

const [XERO_LINKED, QBO_UNHEALTHY, , , BAMBOO_REVOKED] = CONNECTIONS as [
  Connection,
  Connection,
  Connection,
  Connection,
  Connection,
];

const buttons = (el: Element): string[] =>
  [...shadow(el).querySelectorAll('[part~="actions"] button')].map((b) => b.textContent?.trim() ?? '');

/** The panel for one error code, with the buttons that code offers. */
function forCode(code: LinkErrorCode, title: string): Story {
  return {
    name: `Error: ${code}`,
    loaders: [async () => ({ error: linkError(code) })],
    play: async ({ canvasElement }) => {
      const el = await rendered(canvasElement, 'lf-error-panel');
      const root = shadow(el);
      await expect(textIn(root, '[part~="title"]')).toBe(title);
      await expect(root.querySelector('[role="alert"]')).not.toBeNull();
      const retryable = linkError(code).retryable;
      await expect(buttons(el)).toEqual(retryable ? ['Try again', 'Dismiss'] : ['Dismiss']);
    },
  };
}

// ---------------------------------------------------------------- one story per error code

export const Network = forCode('network', 'Connection problem');
export const Timeout = forCode('timeout', 'This is taking too long');
export const Http = forCode('http', 'The service returned an error');
export const Unauthorized = forCode('unauthorized', 'Authorization needed');
export const NotFound = forCode('not-found', 'Not found');
export const RateLimited = forCode('rate-limited', 'Too many requests');
export const InvalidResponse = forCode('invalid-response', 'Unexpected answer');
export const UnsafeUrl = forCode('unsafe-url', 'Unsafe link blocked');
export const StateMismatch = forCode('state-mismatch', 'Sign-in could not be verified');
export const PopupBlocked = forCode('popup-blocked', 'Pop-up blocked');
export const Cancelled = forCode('cancelled', 'Cancelled');
export const Provider = forCode('provider', 'The provider reported a problem');
export const Expired = forCode('expired', 'Session expired');

// ---------------------------------------------------------------- details and actions

/** Schema issues with their paths, the HTTP status and the reference, behind the disclosure. */
export const TechnicalDetails: Story = {
  name: 'Technical details open',
  loaders: [async () => ({ error: linkError('invalid-response') })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    const root = shadow(el);
    const details = root.querySelector<HTMLDetailsElement>('[part~="details"]')!;
    await userEvent.click(details.querySelector('summary')!);
    await expect(details.open).toBe(true);
    const entries = [...root.querySelectorAll('[part~="details-list"] li')].map((li) => li.textContent ?? '');
    await expect(entries.length).toBe(2);
    await expect(entries[0]).toContain('results.0.status');
    await expect(textIn(root, '[part~="correlation-id"]')).toBe('req_51e0f2b9d3c4');
  },
};

/** Copy reference: the clipboard when the page may use it, else the text is selected for the user. */
export const CopyReference: Story = {
  name: 'Copy the reference',
  loaders: [async () => ({ error: linkError('http') })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    const root = shadow(el);
    await userEvent.click(root.querySelector<HTMLButtonElement>('[part~="copy"]')!);
    await waitFor(() =>
      expect(
        textIn(root, '.copied') === 'Reference copied' ||
          document.getSelection()?.toString() === 'req_7f3a9c2e51d04b8a',
      ).toBe(true),
    );
  },
};

/** An authorization error on a known connection: reconnect comes first. */
export const ReconnectOffered: Story = {
  name: 'Unauthorized, with reconnect',
  args: { connection: XERO_LINKED },
  loaders: [async () => ({ error: linkError('unauthorized') })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(buttons(el)).toEqual(['Reconnect', 'Dismiss']);
    let detail: { connection?: Connection } | undefined;
    el.addEventListener('lf-reconnect', (event) => (detail = event.detail), { once: true });
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part~="reconnect"]')!);
    await expect(detail?.connection?.id).toBe(XERO_LINKED.id);
  },
};

export const ConnectionIssues: Story = {
  name: 'A connection with active issues',
  args: { connection: QBO_UNHEALTHY },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(textIn(shadow(el), '[part~="title"]')).toBe('QuickBooks Online needs attention');
    await expect(shadow(el).querySelectorAll('[part~="issue"]').length).toBe(1);
  },
};

export const ConnectionRevoked: Story = {
  name: 'A connection whose access was revoked',
  args: { connection: BAMBOO_REVOKED },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(buttons(el)).toEqual(['Reconnect', 'Dismiss']);
  },
};

export const Nothing: Story = {
  name: 'Nothing to show (healthy connection)',
  args: { connection: XERO_LINKED },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(shadow(el).querySelector('[part~="base"]')).toBeNull();
  },
};

export const Dismissed: Story = {
  name: 'Dismiss hides the panel',
  loaders: [async () => ({ error: linkError('network') })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part~="dismiss"]')!);
    await expect(el.hidden).toBe(true);
  },
};

export const Autofocus: Story = {
  name: 'Focus moves to the title',
  args: { autofocus: true },
  loaders: [async () => ({ error: linkError('timeout') })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await waitFor(() => expect(shadow(el).activeElement?.getAttribute('part')).toBe('title'));
  },
};

// ---------------------------------------------------------------- the memory adapter's own errors

export const FailingAdapter: Story = {
  name: 'Memory adapter, failing',
  loaders: [
    async () => ({
      error: await memory({ failures: { listConnections: 'rate-limited' } })
        .listConnections()
        .then(
          () => undefined,
          (error: LinkError) => error,
        ),
    }),
  ],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(textIn(shadow(el), '[part~="title"]')).toBe('Too many requests');
  },
};

/** The panel shows once the slow adapter's call has failed. */
export const SlowAdapter: Story = {
  name: 'Memory adapter, slow failure',
  render: (args) => {
    const el = document.createElement('lf-error-panel');
    if (args.theme) el.theme = args.theme;
    void memory({ latency: SLOW, failures: { startLink: 'provider' } })
      .startLink(INTEGRATIONS[0]!.key, { returnUrl: location.href, state: 'story' })
      .catch((error: LinkError) => {
        el.error = error;
      });
    return el;
  },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(shadow(el).querySelector('[part~="base"]')).toBeNull();
    await waitFor(
      () => expect(textIn(shadow(el), '[part~="title"]')).toBe('The provider reported a problem'),
      SLOW_WAIT,
    );
  },
};

// ---------------------------------------------------------------- themes, languages, long text

export const Dark: Story = {
  args: { theme: 'dark', connection: XERO_LINKED },
  decorators: [darkFrame],
  loaders: [async () => ({ error: linkError('unauthorized') })],
};

export const DarkIssues: Story = {
  name: 'Dark, connection issues',
  args: { theme: 'dark', connection: QBO_UNHEALTHY },
  decorators: [darkFrame],
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  decorators: [rtlFrame],
  loaders: [async () => ({ error: linkError('invalid-response') })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-error-panel');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('dir')).toBe('rtl');
    await waitFor(() => expect(textIn(shadow(el), '[part~="title"]')).toBe('استجابة غير متوقعة'));
  },
};

export const LongName: Story = {
  name: 'Long name and message (narrow)',
  args: { connection: LONG_CONNECTION },
  decorators: [narrowFrame],
};

export const EveryCode: Story = {
  name: 'Every error code',
  render: (args) =>
    html`<div style="display:grid;gap:1rem">${LINK_ERROR_CODES.map((code) => panel(args, linkError(code)))}</div>`,
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('lf-error-panel').length).toBe(LINK_ERROR_CODES.length);
  },
};
