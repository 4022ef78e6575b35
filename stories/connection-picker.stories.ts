import { html, nothing, type TemplateResult } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { ConnectionAdapter } from '../src/adapter/adapter.js';
import type { MemoryAdapter } from '../src/adapter/memory.js';
import type { LfSelectEvent } from '../src/events/select.js';
import type { Connection, Integration } from '../src/model/index.js';
import {
  CONNECTIONS,
  INTEGRATIONS,
  LINK_ERROR_CODES,
  LONG_INTEGRATION,
  SLOW,
  SLOW_WAIT,
  action,
  darkFrame,
  manyIntegrations,
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
  layout?: 'list' | 'grid';
  query?: string;
  category?: string;
  value?: string;
  theme?: 'light' | 'dark';
  integrations?: Integration[];
  connections?: Connection[];
  [name: string]: unknown;
}

interface Loaded {
  adapter?: ConnectionAdapter;
}

const picker = (args: Args, adapter?: ConnectionAdapter): TemplateResult =>
  html`<lf-connection-picker
    layout=${args.layout ?? nothing}
    query=${args.query ?? nothing}
    category=${args.category ?? nothing}
    value=${args.value ?? nothing}
    theme=${themeAttr(args.theme)}
    .integrations=${args.integrations}
    .connections=${args.connections}
    .adapter=${adapter}
    @lf-select=${action(args, 'onLfSelect')}
    @lf-retry=${action(args, 'onLfRetry')}
  ></lf-connection-picker>`;

const meta: Meta<Args> = {
  title: 'Elements/lf-connection-picker',
  component: 'lf-connection-picker',
  render: (args, { loaded }) => picker(args, (loaded as Loaded).adapter),
  argTypes: {
    layout: { control: 'inline-radio', options: ['list', 'grid'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
    query: { control: 'text' },
    category: { control: 'text' },
    value: { control: 'text' },
  },
  args: { integrations: INTEGRATIONS },
};
export default meta;

type Story = StoryObj<Args>;

const options = (el: Element): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>('[role="option"]')];
const names = (el: Element): string[] => options(el).map((option) => textIn(option, '[part~="label"]'));
const searchBox = (el: Element): HTMLInputElement => shadow(el).querySelector<HTMLInputElement>('[part~="search"]')!;

// ---------------------------------------------------------------- what there is to pick

export const Loading: Story = {
  args: { integrations: undefined },
  loaders: [async () => ({ adapter: pendingAdapter() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('aria-busy')).toBe('true');
    await expect(textIn(shadow(el), '[part~="list"]')).toBe('Loading integrations…');
  },
};

export const Empty: Story = {
  args: { integrations: [] },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(textIn(shadow(el), '[part~="empty"]')).toBe('No integrations are available.');
  },
};

/** A few integrations: one in beta, one unavailable. */
export const Few: Story = {
  name: 'A few integrations',
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(names(el)).toEqual(INTEGRATIONS.map((i) => i.name));
    const unavailable = options(el).find((o) => o.textContent?.includes('FreeAgent'));
    await expect(unavailable?.getAttribute('aria-disabled')).toBe('true');
  },
};

/** Each integration with the status and health of the user's connection to it. */
export const WithStatuses: Story = {
  name: 'With every connection status',
  args: { connections: CONNECTIONS },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(shadow(el).querySelectorAll('[part~="status"]').length).toBeGreaterThan(3);
  },
};

/** 1,500 integrations: only those in view are in the DOM. */
export const Many: Story = {
  name: 'Many integrations (1,500)',
  args: { integrations: manyIntegrations(1500) },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await waitFor(() => expect(options(el).length).toBeGreaterThan(0));
    await expect(options(el).length).toBeLessThan(100);
    await expect(options(el)[0]?.getAttribute('aria-setsize')).toBe('1500');
  },
};

export const MemoryCatalogue: Story = {
  name: 'Memory adapter catalogue',
  args: { integrations: undefined },
  loaders: [async () => ({ adapter: memory() })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await waitFor(() => expect(options(el).length).toBeGreaterThan(5));
  },
};

export const Grid: Story = {
  name: 'Grid layout',
  args: { layout: 'grid', connections: CONNECTIONS },
};

// ---------------------------------------------------------------- searching, filtering, choosing

export const Search: Story = {
  name: 'Typing a search',
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await userEvent.type(searchBox(el), 'quick');
    await waitFor(() => expect(names(el)).toEqual(['QuickBooks Online']));
    await expect(el.query).toBe('quick');
    await waitFor(() => expect(textIn(shadow(el), '[role="status"]')).toBe('1 result'));
  },
};

export const NoMatch: Story = {
  name: 'A search with no results',
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await userEvent.type(searchBox(el), 'zzz');
    await waitFor(() => expect(textIn(shadow(el), '[part~="empty"]')).toBe('No results for “zzz”.'));
  },
};

export const Category: Story = {
  name: 'Filtered by category',
  args: { category: 'crm' },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(names(el)).toEqual(['HubSpot']);
  },
};

export const Selected: Story = {
  name: 'An integration selected',
  args: { value: 'xero' },
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    const selected = options(el).filter((o) => o.getAttribute('aria-selected') === 'true');
    await expect(selected.map((o) => textIn(o, '[part~="label"]'))).toEqual(['Xero']);
  },
};

/** ArrowDown from the search into the list, then Enter: `lf-select` with the integration. */
export const Keyboard: Story = {
  name: 'Choosing by keyboard',
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    const chosen: string[] = [];
    el.addEventListener('lf-select', (event: LfSelectEvent) => chosen.push(event.detail.integration.key));
    searchBox(el).focus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await expect(chosen).toEqual(['quickbooks']);
    await expect(el.value).toBe('quickbooks');
  },
};

// ---------------------------------------------------------------- the memory adapter, slow and failing

export const SlowAdapter: Story = {
  name: 'Memory adapter, slow',
  args: { integrations: undefined },
  loaders: [async () => ({ adapter: memory({ latency: SLOW }) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(textIn(shadow(el), '[part~="list"]')).toBe('Loading integrations…');
    await waitFor(() => expect(options(el).length).toBeGreaterThan(5), SLOW_WAIT);
  },
};

/** Loading fails; once the adapter works again, Try again loads the list. */
export const FailingAdapter: Story = {
  name: 'Memory adapter, failing, then retried',
  args: { integrations: undefined },
  loaders: [async () => ({ adapter: memory({ failures: { listIntegrations: 'network' } }) })],
  play: async ({ canvasElement, loaded }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await waitFor(() => expect(textIn(shadow(el), '[part~="error"] p')).toBe('The integrations could not be loaded.'));
    (loaded as { adapter: MemoryAdapter }).adapter.setFailure('listIntegrations', undefined);
    await userEvent.click(shadow(el).querySelector<HTMLButtonElement>('[part~="error"] button')!);
    await waitFor(() => expect(options(el).length).toBeGreaterThan(5));
  },
};

export const Failed: Story = {
  name: 'Memory adapter, failing',
  args: { integrations: undefined },
  loaders: [async () => ({ adapter: memory({ failures: { listIntegrations: 'http' } }) })],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await waitFor(() => expect(shadow(el).querySelector('[part~="error"][role="alert"]')).not.toBeNull());
  },
};

/** Loading the integrations failing with each error code. */
export const ErrorCodes: Story = {
  name: 'Every error code',
  args: { integrations: undefined },
  loaders: [
    async () => ({ adapters: LINK_ERROR_CODES.map((code) => memory({ failures: { listIntegrations: code } })) }),
  ],
  render: (args, { loaded }) => {
    const adapters = (loaded as { adapters: ConnectionAdapter[] }).adapters;
    return html`<div style="display:grid;gap:1.5rem">
      ${LINK_ERROR_CODES.map(
        (code, i) =>
          html`<section aria-label=${code}>
            <p style="margin:0 0 0.25rem"><code>${code}</code></p>
            ${picker(args, adapters[i])}
          </section>`,
      )}
    </div>`;
  },
  play: async ({ canvasElement }) => {
    const pickers = [...canvasElement.querySelectorAll('lf-connection-picker')];
    await waitFor(() => expect(pickers.every((el) => shadow(el).querySelector('[part~="error"]') !== null)).toBe(true));
  },
};

// ---------------------------------------------------------------- themes, languages, long names

export const Dark: Story = {
  args: { theme: 'dark', connections: CONNECTIONS },
  decorators: [darkFrame],
};

export const DarkGrid: Story = {
  name: 'Dark, grid',
  args: { theme: 'dark', layout: 'grid', connections: CONNECTIONS },
  decorators: [darkFrame],
};

export const RightToLeft: Story = {
  name: 'Right to left (Arabic)',
  args: { connections: CONNECTIONS },
  decorators: [rtlFrame],
  play: async ({ canvasElement }) => {
    const el = await rendered(canvasElement, 'lf-connection-picker');
    await expect(shadow(el).querySelector('[part~="base"]')?.getAttribute('dir')).toBe('rtl');
    await waitFor(() => expect(searchBox(el).getAttribute('aria-label')).toBe('البحث في عمليات التكامل'));
  },
};

export const LongName: Story = {
  name: 'Long name (narrow)',
  args: { integrations: [LONG_INTEGRATION, ...INTEGRATIONS] },
  decorators: [narrowFrame],
};
