import { html, nothing, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import type { MemoryAdapterOptions } from '../src/adapter/memory.js';
import type { StringOverrides } from '../src/elements/shared/i18n.js';
import type { WindowMode } from '../src/model/index.js';
import {
  CONNECTIONS,
  INTEGRATIONS,
  LINK_ERROR_CODES,
  LONG_CONNECTION,
  LONG_INTEGRATION,
  SLOW,
  SLOW_WAIT,
  appUrl,
  darkFrame,
  memory,
  memoryStorage,
  narrowFrame,
  pendingAdapter,
  rendered,
  rtlFrame,
  shadow,
  storyWindow,
  textIn,
  type StoryWindow,
} from './support.js';

interface Args {
  mode?: WindowMode;
  'allowed-origins'?: string;
  locale?: string;
  strings?: StringOverrides;
  /** Not the provider's: the theme given to the elements inside, for the dark stories. */
  theme?: 'light' | 'dark';
  [name: string]: unknown;
}

interface Loaded {
  adapter?: ConnectionAdapter;
  calls?: Record<string, number>;
}

/** Wraps `adapter`, counting the calls that reach it. */
function counting(adapter: ConnectionAdapter): { adapter: ConnectionAdapter; calls: Record<string, number> } {
  const calls: Record<string, number> = { listIntegrations: 0, listConnections: 0, getConnection: 0 };
  return {
    calls,
    adapter: {
      ...adapter,
      listIntegrations: (o) => (
        (calls['listIntegrations'] = (calls['listIntegrations'] ?? 0) + 1),
        adapter.listIntegrations(o)
      ),
      listConnections: (o) => (
        (calls['listConnections'] = (calls['listConnections'] ?? 0) + 1),
        adapter.listConnections(o)
      ),
      getConnection: (id, o) => (
        (calls['getConnection'] = (calls['getConnection'] ?? 0) + 1),
        adapter.getConnection(id, o)
      ),
    },
  };
}

/** The memory adapter with the stories' integrations and one connection per status and health. */
const seeded = (options: MemoryAdapterOptions = {}) =>
  memory({ seed: { integrations: INTEGRATIONS, connections: CONNECTIONS }, ...options });

const theme = (args: Args) => (args.theme === 'dark' ? 'dark' : nothing);

/** A provider around the elements a settings page shows: a status, the picker and the list. */
const provider = (args: Args, adapter: ConnectionAdapter | undefined, content?: TemplateResult): TemplateResult =>
  html`<lf-provider
    mode=${args.mode ?? nothing}
    allowed-origins=${args['allowed-origins'] ?? nothing}
    locale=${args.locale ?? nothing}
    .adapter=${adapter}
    .strings=${args.strings ?? {}}
  >
    ${
      content ??
      html`<div style="display:grid;gap:1rem">
        <p style="margin:0">
          Xero: <lf-status-indicator connection-id=${CONNECTIONS[0]!.id} theme=${theme(args)}></lf-status-indicator>
        </p>
        <lf-connection-picker theme=${theme(args)}></lf-connection-picker>
        <lf-connection-list heading-level="3" theme=${theme(args)}></lf-connection-list>
      </div>`
    }
  </lf-provider>`;

const meta: Meta<Args> = {
  title: 'Elements/lf-provider',
  component: 'lf-provider',
  loaders: [async () => counting(seeded())],
  render: (args, { loaded }) => provider(args, (loaded as Loaded).adapter),
  argTypes: {
    mode: { control: 'inline-radio', options: ['redirect', 'popup'] },
    'allowed-origins': { control: 'text' },
    locale: { control: 'select', options: [undefined, 'en', 'de', 'fr', 'es', 'ar'] },
    theme: {
      control: 'inline-radio',
      options: [undefined, 'light', 'dark'],
      description: 'Given to the elements inside.',
    },
  },
};
export default meta;

type Story = StoryObj<Args>;

const listIn = (canvas: HTMLElement) => canvas.querySelector('lf-connection-list')!;
const pickerIn = (canvas: HTMLElement) => canvas.querySelector('lf-connection-picker')!;
const listRows = (canvas: HTMLElement) => shadow(listIn(canvas)).querySelectorAll('li[part~="item"]').length;
const pickerOptions = (canvas: HTMLElement) => shadow(pickerIn(canvas)).querySelectorAll('[role="option"]').length;

// ---------------------------------------------------------------- sharing one store

/** The status, the picker and the list read through one store: each list is asked for once. */
export const SharedStore: Story = {
  name: 'One store for every element inside',
  play: async ({ canvasElement, loaded }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(listRows(canvasElement)).toBe(CONNECTIONS.length));
    await waitFor(() => expect(pickerOptions(canvasElement)).toBe(INTEGRATIONS.length));
    const status = canvasElement.querySelector('lf-status-indicator')!;
    await waitFor(() => expect(textIn(shadow(status), '[part~="label"]')).toBe('Connected'));
    const { calls } = loaded as Required<Loaded>;
    await expect(calls['listConnections']).toBe(1);
    await expect(calls['listIntegrations']).toBe(1);
  },
};

export const Loading: Story = {
  loaders: [async () => ({ adapter: pendingAdapter() })],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    const list = listIn(canvasElement);
    await waitFor(() => expect(textIn(shadow(list), '.loading')).toBe('Loading connections…'));
  },
};

export const Empty: Story = {
  name: 'No integrations, no connections',
  loaders: [async () => ({ adapter: memory({ seed: { integrations: [], connections: [] } }) })],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(textIn(shadow(listIn(canvasElement)), '[part~="empty"]')).toBe('No connections yet.'));
    await waitFor(() =>
      expect(textIn(shadow(pickerIn(canvasElement)), '[part~="empty"]')).toBe('No integrations are available.'),
    );
  },
};

export const MemoryCatalogue: Story = {
  name: 'Many integrations and connections (memory catalogue)',
  loaders: [async () => ({ adapter: memory() })],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(listRows(canvasElement)).toBeGreaterThan(5));
  },
};

/** Without an adapter the elements inside have no store: the status says it is unavailable. */
export const NoAdapter: Story = {
  name: 'No adapter yet',
  loaders: [async () => ({ adapter: undefined })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-provider');
    await expect(el.store).toBeUndefined();
    const status = canvasElement.querySelector('lf-status-indicator')!;
    await waitFor(() => expect(textIn(shadow(status), '[part~="label"]')).toBe('Status unavailable'));
  },
};

// ---------------------------------------------------------------- settings for the elements inside

export const Strings: Story = {
  name: 'String overrides',
  args: { strings: { 'connectionList.heading': 'Your linked apps', 'status.linked': 'Live' } },
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(textIn(shadow(listIn(canvasElement)), '[part~="heading"]')).toBe('Your linked apps'));
    const status = canvasElement.querySelector('lf-status-indicator')!;
    await waitFor(() => expect(textIn(shadow(status), '[part~="label"]')).toBe('Live'));
  },
};

export const Locale: Story = {
  name: 'Locale (German)',
  args: { locale: 'de' },
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(textIn(shadow(listIn(canvasElement)), '[part~="heading"]')).toBe('Verbindungen'));
  },
};

interface FlowLoaded {
  adapter: ConnectionAdapter;
  window: StoryWindow;
  storage: Storage;
}

/** A link flow inside the provider, on a recording window, so nothing leaves Storybook. */
const flowLoader = async (): Promise<FlowLoaded> => {
  const storage = memoryStorage();
  return { adapter: seeded(), storage, window: storyWindow(appUrl(), { storage }) };
};
const flowInside = (args: Args, { adapter, window, storage }: FlowLoaded) =>
  provider(
    args,
    adapter,
    html`<lf-link-flow theme=${theme(args)} .flowOptions=${{ window: window.win, storage }}></lf-link-flow>`,
  );

async function chooseInFlow(canvas: HTMLElement, name: string): Promise<HTMLElementTagNameMap['lf-link-flow']> {
  const flow = await rendered(canvas, 'lf-link-flow');
  let option: HTMLElement | undefined;
  await waitFor(() => {
    const picker = shadow(flow).querySelector('lf-connection-picker');
    option = [...(picker?.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])].find(
      (o) => textIn(o, '[part~="label"]') === name,
    );
    expect(option).toBeDefined();
  });
  await userEvent.click(option!);
  return flow;
}

/** The provider's `mode` reaches the flow inside: the provider's page opens in a (recording) popup. */
export const PopupMode: Story = {
  name: 'Popup mode for the flow inside',
  args: { mode: 'popup' },
  loaders: [flowLoader],
  render: (args, { loaded }) => flowInside(args, loaded as FlowLoaded),
  play: async ({ canvasElement, loaded }) => {
    const flow = await chooseInFlow(canvasElement, 'Xero');
    await waitFor(() => expect(flow.step).toBe('authorizing'));
    const { window } = loaded as FlowLoaded;
    await expect(window.popupUrls.length).toBe(1);
    await expect(window.assigned).toEqual([]);
  },
};

/** The provider's `allowed-origins` reach the flow inside: a link elsewhere is refused. */
export const AllowedOrigins: Story = {
  name: 'Allowed origins for the flow inside',
  args: { 'allowed-origins': 'https://auth.example.com' },
  loaders: [flowLoader],
  render: (args, { loaded }) => flowInside(args, loaded as FlowLoaded),
  play: async ({ canvasElement, loaded }) => {
    const flow = await chooseInFlow(canvasElement, 'Xero');
    await waitFor(() => expect(flow.step).toBe('failed'));
    await expect((loaded as FlowLoaded).window.assigned).toEqual([]);
  },
};

// ---------------------------------------------------------------- the memory adapter, slow and failing

export const SlowAdapter: Story = {
  name: 'Memory adapter, slow',
  loaders: [async () => ({ adapter: seeded({ latency: SLOW }) })],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await expect(textIn(shadow(listIn(canvasElement)), '.loading')).toBe('Loading connections…');
    await waitFor(() => expect(listRows(canvasElement)).toBe(CONNECTIONS.length), SLOW_WAIT);
  },
};

export const FailingAdapter: Story = {
  name: 'Memory adapter, failing',
  loaders: [
    async () => ({
      adapter: seeded({
        failures: { listConnections: 'unauthorized', listIntegrations: 'unauthorized', getConnection: 'unauthorized' },
      }),
    }),
  ],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(shadow(listIn(canvasElement)).querySelector('[part~="error"]')).not.toBeNull());
    await waitFor(() => expect(shadow(pickerIn(canvasElement)).querySelector('[part~="error"]')).not.toBeNull());
  },
};

/** One provider per error code, its adapter failing every read with that code. */
export const ErrorCodes: Story = {
  name: 'Every error code',
  loaders: [
    async () => ({
      adapters: LINK_ERROR_CODES.map((code) =>
        seeded({ failures: { listConnections: code, listIntegrations: code, getConnection: code } }),
      ),
    }),
  ],
  render: (args, { loaded }) => {
    const adapters = (loaded as { adapters: ConnectionAdapter[] }).adapters;
    return html`<div style="display:grid;gap:1.5rem">
      ${LINK_ERROR_CODES.map(
        (code, i) =>
          html`<section aria-label=${code}>
            <p style="margin:0 0 0.25rem"><code>${code}</code></p>
            ${provider(
              args,
              adapters[i],
              html`<lf-status-indicator connection-id=${CONNECTIONS[0]!.id}></lf-status-indicator>
                <lf-connection-list heading-level="3"></lf-connection-list>`,
            )}
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
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(listRows(canvasElement)).toBe(CONNECTIONS.length));
  },
};

/** An Arabic page: the elements inside read right to left, in Arabic. */
export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  args: { locale: 'ar' },
  decorators: [rtlFrame],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    const list = listIn(canvasElement);
    await waitFor(() => expect(textIn(shadow(list), '[part~="heading"]')).toBe('الاتصالات'));
    await expect(shadow(list).querySelector('[part~="base"]')?.getAttribute('dir')).toBe('rtl');
  },
};

export const LongName: Story = {
  name: 'Long name (narrow)',
  decorators: [narrowFrame],
  loaders: [
    async () => ({
      adapter: memory({
        seed: { integrations: [LONG_INTEGRATION, ...INTEGRATIONS], connections: [LONG_CONNECTION, ...CONNECTIONS] },
      }),
    }),
  ],
  play: async ({ canvasElement }) => {
    await rendered(canvasElement, 'lf-provider');
    await waitFor(() => expect(listRows(canvasElement)).toBe(CONNECTIONS.length + 1));
  },
};
