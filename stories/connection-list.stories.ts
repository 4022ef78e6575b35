import { html, nothing, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import type { MemoryAdapter } from '../src/adapter/memory.js';
import type { Connection, Integration } from '../src/model/index.js';
import {
  CONNECTIONS,
  INTEGRATIONS,
  LINK_ERROR_CODES,
  LONG_CONNECTION,
  LONG_INTEGRATION,
  SLOW,
  SLOW_WAIT,
  action,
  darkFrame,
  memory,
  narrowFrame,
  pendingAdapter,
  rendered,
  rtlFrame,
  shadow,
  textIn,
  themeAttr,
} from './support.js';

interface Args {
  'heading-level'?: number;
  theme?: 'light' | 'dark';
  connections?: Connection[];
  integrations?: Integration[];
  [name: string]: unknown;
}

interface Loaded {
  adapter?: ConnectionAdapter;
}

const list = (args: Args, adapter?: ConnectionAdapter): TemplateResult =>
  html`<lf-connection-list
    heading-level=${args['heading-level'] ?? nothing}
    theme=${themeAttr(args.theme)}
    .connections=${args.connections}
    .integrations=${args.integrations}
    .adapter=${adapter}
    @lf-reconnect=${action(args, 'onLfReconnect')}
    @lf-unlink=${action(args, 'onLfUnlink')}
    @lf-remove=${action(args, 'onLfRemove')}
    @lf-retry=${action(args, 'onLfRetry')}
  ></lf-connection-list>`;

const meta: Meta<Args> = {
  title: 'Elements/lf-connection-list',
  component: 'lf-connection-list',
  render: (args, { loaded }) => list(args, (loaded as Loaded).adapter),
  argTypes: {
    'heading-level': { control: { type: 'number', min: 1, max: 6 } },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
  args: { connections: CONNECTIONS, integrations: INTEGRATIONS },
};
export default meta;

type Story = StoryObj<Args>;

/** The memory adapter seeded with the stories' integrations and one connection per status and health. */
const seeded = (options: Parameters<typeof memory>[0] = {}): MemoryAdapter =>
  memory({ seed: { integrations: INTEGRATIONS, connections: CONNECTIONS }, ...options });

/** Stories that read through an adapter show what it answers, not the plain properties. */
const FROM_ADAPTER = { connections: undefined, integrations: undefined };

const rows = (el: Element): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>('li[part~="item"]')];
const rowNames = (el: Element): string[] => rows(el).map((row) => textIn(row, '[part~="label"]'));
const row = (el: Element, name: string): HTMLElement => {
  const found = rows(el).find((r) => textIn(r, '[part~="label"]') === name);
  if (!found) throw new Error(`No row for ${name} among ${rowNames(el).join(', ')}`);
  return found;
};
const button = (scope: ParentNode, action: string): HTMLButtonElement =>
  scope.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;

// ---------------------------------------------------------------- what there is to list

export const Loading: Story = {
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: pendingAdapter() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('aria-busy')).toBe('true');
    await expect(textIn(shadow(el), '.loading')).toBe('Loading connections…');
  },
};

export const Empty: Story = {
  args: { connections: [] },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await expect(textIn(shadow(el), '[part~="empty"]')).toBe('No connections yet.');
  },
};

/** One connection per status and health, a paused one, and active issues. */
export const EveryStatus: Story = {
  name: 'Every status and health',
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await expect(rowNames(el)).toEqual(CONNECTIONS.map((c) => c.integrationName));
    // Reconnect is offered where the connection needs a new authorization.
    await expect(button(row(el, 'Xero'), 'reconnect')).toBeNull();
    await expect(button(row(el, 'QuickBooks Online'), 'reconnect')).not.toBeNull();
    await expect(button(row(el, 'BambooHR'), 'reconnect')).not.toBeNull();
    await expect(textIn(row(el, 'QuickBooks Online'), '[part~="issues"]')).toContain('1 active issue');
  },
};

export const LinkedHealthy: Story = { name: 'Linked, healthy', args: { connections: [CONNECTIONS[0]!] } };
export const LinkedUnhealthy: Story = { name: 'Linked, sync failing', args: { connections: [CONNECTIONS[1]!] } };
export const LinkedUnknown: Story = { name: 'Linked, health unknown', args: { connections: [CONNECTIONS[2]!] } };
export const Pending: Story = { args: { connections: [CONNECTIONS[3]!] } };
export const Deauthorized: Story = { name: 'Access revoked', args: { connections: [CONNECTIONS[4]!] } };
export const Unlinked: Story = {
  args: { connections: [CONNECTIONS[5]!] },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    // An unlinked connection cannot be unlinked again.
    await expect(button(rows(el)[0]!, 'unlink')).toBeNull();
  },
};
export const Paused: Story = { args: { connections: [CONNECTIONS[6]!] } };

/** The memory adapter's whole catalogue of connections, across both vendors. */
export const Many: Story = {
  name: 'Many connections (memory catalogue)',
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: memory() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await waitFor(() => expect(rows(el).length).toBeGreaterThan(5));
  },
};

export const HeadingLevel: Story = {
  name: 'Heading level 3',
  args: { 'heading-level': 3 },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await expect(shadow(el).querySelector('[part~="heading"]')?.getAttribute('aria-level')).toBe('3');
  },
};

// ---------------------------------------------------------------- actions

/** Remove asks first, inline, with focus on Cancel; Escape goes back. */
export const RemoveConfirmation: Story = {
  name: 'Remove asks first',
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await userEvent.click(button(row(el, 'Xero'), 'remove'));
    const confirm = row(el, 'Xero').querySelector('[part~="confirm"]');
    await expect(confirm?.getAttribute('role')).toBe('group');
    await expect(textIn(confirm!, 'p')).toBe('Remove Xero? The connection will be deleted.');
    await waitFor(() => expect(shadow(el).activeElement?.getAttribute('data-action')).toBe('cancel'));
  },
};

/** Through the memory adapter, a confirmed removal takes the row away and says so. */
export const RemoveConfirmed: Story = {
  name: 'Remove, confirmed (memory adapter)',
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: seeded() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await waitFor(() => expect(rowNames(el)).toContain('Xero'));
    await userEvent.click(button(row(el, 'Xero'), 'remove'));
    await userEvent.click(button(row(el, 'Xero'), 'confirm'));
    await waitFor(() => expect(rowNames(el)).not.toContain('Xero'));
    await waitFor(() => expect(textIn(shadow(el), '[role="status"]')).toBe('Xero removed.'));
  },
};

export const Unlink: Story = {
  name: 'Unlink (memory adapter)',
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: seeded() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await waitFor(() => expect(rowNames(el)).toContain('Xero'));
    await userEvent.click(button(row(el, 'Xero'), 'unlink'));
    await waitFor(() => expect(textIn(shadow(el), '[role="status"]')).toBe('Xero unlinked.'));
    const indicator = row(el, 'Xero').querySelector('lf-status-indicator')!;
    await waitFor(() => expect(textIn(shadow(indicator), '[part~="label"]')).toBe('Disconnected'));
  },
};

/** The memory adapter refuses the removal: the row stays, with the reason. */
export const ActionFailing: Story = {
  name: 'Remove failing (memory adapter)',
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: seeded({ failures: { remove: 'http' } }) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await waitFor(() => expect(rowNames(el)).toContain('Xero'));
    await userEvent.click(button(row(el, 'Xero'), 'remove'));
    await userEvent.click(button(row(el, 'Xero'), 'confirm'));
    await waitFor(() =>
      expect(textIn(row(el, 'Xero'), '[part~="error"]')).toBe(
        'That did not work: The connection service answered with an error.',
      ),
    );
  },
};

// ---------------------------------------------------------------- the memory adapter, slow and failing

export const SlowAdapter: Story = {
  name: 'Memory adapter, slow',
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: seeded({ latency: SLOW }) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await expect(textIn(shadow(el), '.loading')).toBe('Loading connections…');
    await waitFor(() => expect(rows(el).length).toBe(CONNECTIONS.length), SLOW_WAIT);
  },
};

/** Loading fails; once the adapter works again, Try again loads the list. */
export const FailingAdapter: Story = {
  name: 'Memory adapter, failing, then retried',
  args: FROM_ADAPTER,
  loaders: [async () => ({ adapter: seeded({ failures: { listConnections: 'timeout' } }) })],
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await waitFor(() => expect(textIn(shadow(el), '[part~="error"] p')).toBe('The connections could not be loaded.'));
    (loaded as { adapter: MemoryAdapter }).adapter.setFailure('listConnections', undefined);
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part~="error"] button')!);
    await waitFor(() => expect(rows(el).length).toBe(CONNECTIONS.length));
  },
};

/** Loading the connections failing with each error code. */
export const ErrorCodes: Story = {
  name: 'Every error code',
  args: FROM_ADAPTER,
  loaders: [
    async () => ({ adapters: LINK_ERROR_CODES.map((code) => seeded({ failures: { listConnections: code } })) }),
  ],
  render: (args, { loaded }) => {
    const adapters = (loaded as { adapters: ConnectionAdapter[] }).adapters;
    return html`<div style="display:grid;gap:1.5rem">
      ${LINK_ERROR_CODES.map(
        (code, i) =>
          html`<section aria-label=${code}>
            <p style="margin:0 0 0.25rem"><code>${code}</code></p>
            ${list({ ...args, 'heading-level': 3 }, adapters[i])}
          </section>`,
      )}
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const lists = [...canvasElement.querySelectorAll('lf-connection-list')];
    await waitFor(() => expect(lists.every((el) => shadow(el).querySelector('[part~="error"]') !== null)).toBe(true));
  },
};

// ---------------------------------------------------------------- themes, languages, long names

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [darkFrame],
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  decorators: [rtlFrame],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-list');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('dir')).toBe('rtl');
    await waitFor(() => expect(textIn(shadow(el), '[part~="heading"]')).toBe('الاتصالات'));
  },
};

export const LongName: Story = {
  name: 'Long name (narrow)',
  args: {
    connections: [LONG_CONNECTION, ...CONNECTIONS.slice(0, 2)],
    integrations: [LONG_INTEGRATION, ...INTEGRATIONS],
  },
  decorators: [narrowFrame],
};
