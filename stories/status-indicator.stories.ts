import { html, nothing, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import type { Connection, ConnectionHealth, ConnectionStatus } from '../src/model/index.js';
import {
  CONNECTIONS,
  HEALTHS,
  INTEGRATIONS,
  LINK_ERROR_CODES,
  SLOW,
  SLOW_WAIT,
  STATUSES,
  connectionTo,
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
  status?: ConnectionStatus;
  health?: ConnectionHealth;
  paused?: boolean;
  'connection-id'?: string;
  connection?: Connection;
  theme?: 'light' | 'dark';
}

interface Loaded {
  adapter?: ConnectionAdapter;
}

const indicator = (args: Args, adapter?: ConnectionAdapter): TemplateResult =>
  html`<lf-status-indicator
    status=${args.status ?? nothing}
    health=${args.health ?? nothing}
    ?paused=${args.paused ?? false}
    connection-id=${args['connection-id'] ?? nothing}
    theme=${themeAttr(args.theme)}
    .connection=${args.connection}
    .adapter=${adapter}
  ></lf-status-indicator>`;

const meta: Meta<Args> = {
  title: 'Elements/lf-status-indicator',
  component: 'lf-status-indicator',
  render: (args, { loaded }) => indicator(args, (loaded as Loaded).adapter),
  argTypes: {
    status: { control: 'select', options: [undefined, ...STATUSES] },
    health: { control: 'select', options: [undefined, ...HEALTHS] },
    paused: { control: 'boolean' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    'connection-id': { control: 'text' },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The memory adapter seeded with one connection per status and health. */
const seeded = (options: Parameters<typeof memory>[0] = {}) =>
  memory({ seed: { integrations: INTEGRATIONS, connections: CONNECTIONS }, ...options });

const label = async (canvas: HTMLElement): Promise<string> =>
  textIn(shadow(await rendered(canvas, 'lf-status-indicator')), '[part~="label"]');

// ---------------------------------------------------------------- every status and health

export const Pending: Story = { args: { status: 'pending' } };

export const LinkedHealthy: Story = {
  name: 'Linked, healthy',
  args: { status: 'linked', health: 'healthy' },
  play: async ({ canvasElement }) => {
    const root = shadow(await rendered(canvasElement, 'lf-status-indicator'));
    await expect(textIn(root, '[part~="label"]')).toBe('Connected');
    await expect(textIn(root, '[part~="detail"]')).toBe('Healthy');
  },
};

export const LinkedUnhealthy: Story = { name: 'Linked, sync failing', args: { status: 'linked', health: 'unhealthy' } };

export const LinkedUnknown: Story = { name: 'Linked, health unknown', args: { status: 'linked', health: 'unknown' } };

export const Unlinked: Story = { args: { status: 'unlinked' } };

export const Deauthorized: Story = { name: 'Access revoked', args: { status: 'deauthorized' } };

export const Paused: Story = { args: { status: 'linked', health: 'healthy', paused: true } };

export const NoStatus: Story = {
  name: 'Nothing to show',
  play: async ({ canvasElement }) => {
    await expect(await label(canvasElement)).toBe('No connection');
  },
};

/** Every status with every health it can have, and paused, side by side. */
export const AllStates: Story = {
  name: 'All statuses and healths',
  render: (args) =>
    html`<div style="display:grid;gap:0.5rem;justify-items:start">
      ${STATUSES.flatMap((status) =>
        status === 'linked'
          ? HEALTHS.map((health) => indicator({ ...args, status, health }))
          : [indicator({ ...args, status })],
      )}
      ${indicator({ ...args, status: 'linked', health: 'healthy', paused: true })}
    </div>`,
  play: async ({ canvasElement }) => {
    const labels = [...canvasElement.querySelectorAll('lf-status-indicator')].map((el) =>
      textIn(shadow(el), '[part~="label"]'),
    );
    await expect(labels).toEqual([
      'Waiting for authorization',
      'Connected',
      'Connected',
      'Connected',
      'Disconnected',
      'Access revoked',
      'Paused',
    ]);
  },
};

// ---------------------------------------------------------------- from a connection

export const FromConnection: Story = {
  name: 'From a connection (last sync)',
  args: { connection: CONNECTIONS[0] },
  play: async ({ canvasElement }) => {
    const root = shadow(await rendered(canvasElement, 'lf-status-indicator'));
    await expect(textIn(root, '[part~="detail"]')).toMatch(/^Healthy · Synced \d+ minutes ago$/);
  },
};

export const NeverSynced: Story = {
  name: 'From a connection never synced',
  args: { connection: { ...CONNECTIONS[0]!, lastSyncAt: undefined } as Connection },
  play: async ({ canvasElement }) => {
    const root = shadow(await rendered(canvasElement, 'lf-status-indicator'));
    await expect(textIn(root, '[part~="detail"]')).toBe('Healthy · Not synced yet');
  },
};

export const FromConnectionUnhealthy: Story = {
  name: 'From a connection with failing syncs',
  args: { connection: CONNECTIONS[1] },
};

/** Changes are announced politely; the first state is not. */
export const AnnouncesChanges: Story = {
  name: 'Announces a change',
  args: { status: 'pending' },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-status-indicator');
    const live = () => textIn(shadow(el), '[role="status"]');
    await expect(live()).toBe('');
    el.status = 'linked';
    el.health = 'healthy';
    await waitFor(() => expect(live()).toBe('Connected, Healthy'));
  },
};

// ---------------------------------------------------------------- kept live through the memory adapter

export const Loading: Story = {
  args: { 'connection-id': CONNECTIONS[0]!.id },
  loaders: [async () => ({ adapter: pendingAdapter() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-status-indicator');
    await expect(textIn(shadow(el), '[part~="label"]')).toBe('Checking connection…');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('aria-busy')).toBe('true');
  },
};

export const LiveFromAdapter: Story = {
  name: 'Kept live by id (memory adapter)',
  args: { 'connection-id': CONNECTIONS[1]!.id },
  loaders: [async () => ({ adapter: seeded() })],
  play: async ({ canvasElement }) => {
    await waitFor(async () => expect(await label(canvasElement)).toBe('Connected'));
  },
};

export const NotFound: Story = {
  name: 'Unknown connection id',
  args: { 'connection-id': 'conn_does_not_exist' },
  loaders: [async () => ({ adapter: seeded() })],
  play: async ({ canvasElement }) => {
    await waitFor(async () => expect(await label(canvasElement)).toBe('Connection not found'));
  },
};

export const SlowAdapter: Story = {
  name: 'Memory adapter, slow',
  args: { 'connection-id': CONNECTIONS[0]!.id },
  loaders: [async () => ({ adapter: seeded({ latency: SLOW }) })],
  play: async ({ canvasElement }) => {
    await expect(await label(canvasElement)).toBe('Checking connection…');
    await waitFor(async () => expect(await label(canvasElement)).toBe('Connected'), SLOW_WAIT);
  },
};

export const FailingAdapter: Story = {
  name: 'Memory adapter, failing',
  args: { 'connection-id': CONNECTIONS[0]!.id },
  loaders: [async () => ({ adapter: seeded({ failures: { listConnections: 'network', getConnection: 'network' } }) })],
  play: async ({ canvasElement }) => {
    await waitFor(async () => expect(await label(canvasElement)).toBe('Status unavailable'));
  },
};

/** What the indicator shows when reading the connection fails with each error code. */
export const ErrorCodes: Story = {
  name: 'Every error code',
  loaders: [
    async () => ({
      adapters: LINK_ERROR_CODES.map((code) => seeded({ failures: { listConnections: code, getConnection: code } })),
    }),
  ],
  render: (args, { loaded }) => {
    const adapters = (loaded as { adapters: ConnectionAdapter[] }).adapters;
    return html`<dl style="display:grid;grid-template-columns:max-content 1fr;gap:0.5rem 1rem;margin:0">
      ${LINK_ERROR_CODES.map(
        (code, i) =>
          html`<dt><code>${code}</code></dt>
            <dd style="margin:0">${indicator({ ...args, 'connection-id': CONNECTIONS[0]!.id }, adapters[i])}</dd>`,
      )}
    </dl>`;
  },
  play: async ({ canvasElement }) => {
    const labels = () =>
      [...canvasElement.querySelectorAll('lf-status-indicator')].map((el) => textIn(shadow(el), '[part~="label"]'));
    await waitFor(() => expect(labels().includes('Checking connection…')).toBe(false));
    await expect(labels()).toEqual(
      LINK_ERROR_CODES.map((code) => (code === 'not-found' ? 'Connection not found' : 'Status unavailable')),
    );
  },
};

// ---------------------------------------------------------------- themes, languages, long text

export const Dark: Story = {
  args: { connection: CONNECTIONS[1], theme: 'dark' },
  decorators: [darkFrame],
  render: (args) =>
    html`<div style="display:grid;gap:0.5rem;justify-items:start">
      ${CONNECTIONS.map((connection) => indicator({ ...args, connection }))}
    </div>`,
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  decorators: [rtlFrame],
  render: (args) =>
    html`<div style="display:grid;gap:0.5rem;justify-items:start">
      ${CONNECTIONS.map((connection) => indicator({ ...args, connection }))}
    </div>`,
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-status-indicator');
    const base = shadow(el).querySelector('[part~="base"]');
    await expect(base?.getAttribute('dir')).toBe('rtl');
    await expect(base?.getAttribute('lang')).toBe('ar');
    await waitFor(() => expect(textIn(shadow(el), '[part~="label"]')).toBe('متصل'));
  },
};

export const LongText: Story = {
  name: 'Long text (German, narrow)',
  args: {
    connection: connectionTo(INTEGRATIONS[0]!, 'linked', 'unhealthy', {
      lastSyncAt: new Date(Date.now() - 400 * 24 * 3_600_000).toISOString(),
    }),
  },
  decorators: [narrowFrame, (story) => html`<div lang="de">${story()}</div>`],
};
