import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import { listStoreFor, type ListStore } from '../../adapter/store-core.js';
import { LfRetryEvent } from '../../events/retry.js';
import { LfSelectEvent } from '../../events/select.js';
import type { Connection, Integration } from '../../model/schemas.js';
import { LfElement } from '../base/base-element.js';
import { styleProps } from '../shared/style-props.js';
import { statusTone, toneStyles } from '../shared/status-tone.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { commonStrings } from '../shared/locales/en/common.js';
import { statusStrings } from '../shared/locales/en/status.js';
import { pickerStrings } from '../shared/locales/en/picker.js';
import { StoreController } from '../controllers/store-controller.js';
import type { StringOverrides } from '../shared/i18n.js';
import { logoStyles, renderLogo } from '../shared/logo.js';
import { buttonStyles, focusStyles, themeStyles, visuallyHiddenStyles } from '../shared/theme.styles.js';
import { pickerStyles } from './connection-picker.styles.js';
import { categoriesOf, connectionsByIntegration, filterSearchable, toSearchable, type Searchable } from './search.js';
import { WindowController } from './window-controller.js';

/** How the picker lays out its integrations. */
export type PickerLayout = 'list' | 'grid';

/** A stand-in row while the integrations load. */
const skeleton = html`<div class="skeleton" aria-hidden="true"><span></span><span></span></div>`;

/**
 * The integrations a user can connect, as a searchable, category-filtered, keyboard-navigable list
 * or grid, each with the status of the user's existing connection to it. It shows `.integrations`
 * and `.connections` when set, else loads them through the store (of its own `.adapter` or the
 * enclosing `lf-provider`). Only the options in view are in the DOM, so thousands stay fast.
 *
 * Keyboard: type in the search box to filter; ArrowDown moves into the list; arrows, Home, End,
 * PageUp and PageDown move; Enter or Space selects; typing a character in the list goes back to the
 * search with that character; ArrowUp from the first row or Escape returns to the search.
 *
 * @summary A searchable, filterable, keyboard-navigable list of integrations to connect.
 *
 * @event lf-select - An enabled integration was chosen; `detail: { integration, connection? }`. Cancelable: a cancelled selection is not kept.
 * @event lf-retry - The user asked to load the integrations again after an error; `detail: { error }`.
 *
 * @csspart base - Everything inside the element.
 * @csspart search - The search box.
 * @csspart filters - The category select.
 * @csspart list - The scrolling listbox.
 * @csspart item - One integration (an option).
 * @csspart logo - An integration's logo, or its lettered placeholder.
 * @csspart placeholder - The lettered placeholder drawn when a logo cannot be shown.
 * @csspart label - An integration's name.
 * @csspart badge - The "Beta" or "Unavailable" badge.
 * @csspart status - The status of the user's connection to an integration, in words after a dot in its tone
 *   (the dot takes the status indicator's `--lf-status-color-*` colours).
 * @csspart empty - The "no integrations" and "no results" messages.
 * @csspart error - The error message and its retry button.
 *
 * @cssproperty [--lf-picker-background=var(--lf-color-surface)] - Background behind the search row and the list.
 * @cssproperty [--lf-picker-gap=var(--lf-space-2)] - Space between the search row and the list.
 * @cssproperty [--lf-picker-max-height=24rem] - Height at which the list starts to scroll.
 * @cssproperty [--lf-picker-item-min-width=11rem] - Narrowest tile in the grid layout.
 * @cssproperty [--lf-picker-logo-size=2rem] - Size of each logo.
 * @cssproperty [--lf-picker-radius=var(--lf-radius)] - Corner radius of the search box, filter and list.
 * @cssproperty [--lf-picker-selected-background=color-mix(in srgb, var(--lf-color-accent) 16%, var(--lf-color-surface))] - Background of the selected integration.
 */
export class LfConnectionPicker extends LfElement {
  static override styles = [
    ...LfElement.styles,
    themeStyles,
    focusStyles,
    visuallyHiddenStyles,
    buttonStyles,
    logoStyles,
    toneStyles,
    pickerStyles,
  ];

  static override properties = {
    integrations: { attribute: false },
    connections: { attribute: false },
    adapter: { attribute: false },
    layout: { reflect: true },
    query: {},
    category: {},
    value: {},
    strings: { attribute: false },
    theme: { reflect: true },
    active: { state: true },
  };

  /** The integrations to show; when unset they are loaded through the store. */
  integrations?: Integration[];

  /** The user's connections, for each integration's status; when unset they come from the store. */
  connections?: Connection[];

  /** An adapter of the element's own, used instead of the enclosing `lf-provider`'s. */
  adapter?: ConnectionAdapter;

  /** `list` (one integration per row) or `grid` (tiles). */
  layout: PickerLayout = 'list';

  /** The search text; updated as the user types. */
  query = '';

  /** The category shown; empty for all. */
  category = '';

  /** The key of the selected integration. */
  value = '';

  /** Per-key string overrides (see the message catalogue), winning over the provider's. */
  strings?: StringOverrides;

  /** Forces the `light` or `dark` scheme; unset follows the user's preference. */
  theme?: 'light' | 'dark';

  /** Index (in the filtered list) of the option the keyboard is on; -1 for none. */
  private active = -1;

  readonly #locale = new LocaleController(this, { ...commonStrings, ...statusStrings, ...pickerStrings });
  readonly #storedIntegrations = new StoreController<Integration[], ListStore>(this, listStoreFor, {
    subscribe: (store, listener) => (this.integrations ? undefined : store.subscribeIntegrations(listener)),
    deps: () => [!this.integrations],
  });
  readonly #storedConnections = new StoreController<Connection[], ListStore>(this, listStoreFor, {
    subscribe: (store, listener) => (this.connections ? undefined : store.subscribeConnections(listener)),
    deps: () => [!this.connections],
  });
  readonly #window = new WindowController(this, () => this.#listbox);

  /** The integrations shown, `.integrations` or the store's, as of the last update; undefined while loading. */
  #source: readonly Integration[] | undefined;
  #searchable: Searchable[] = [];
  #categories: string[] = [];
  #filtered: Searchable[] = [];
  #filterKey = '';
  #connectionSource: readonly Connection[] | undefined;
  #byIntegration = new Map<string, Connection>();

  /** The integrations the search and filter leave, in order. */
  get results(): readonly Integration[] {
    return this.#filtered.map((item) => item.integration);
  }

  get #listbox(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[role="listbox"]');
  }

  get #searchBox(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('input');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const source = this.integrations ?? this.#storedIntegrations.snapshot?.value;
    const sourceChanged = source !== this.#source;
    if (sourceChanged) {
      this.#source = source;
      this.#searchable = toSearchable(source ?? []);
      this.#categories = categoriesOf(source ?? [], this.#locale.lang);
    }
    const filterKey = `${this.query}\n${this.category}`;
    if (sourceChanged || filterKey !== this.#filterKey) {
      const previous = this.#filtered[this.active]?.integration.key;
      this.#filtered = filterSearchable(this.#searchable, this.query, this.category);
      if (filterKey !== this.#filterKey) {
        this.active = this.#filtered.length ? 0 : -1;
        this.#window.reset();
      } else {
        const kept = this.#filtered.findIndex((item) => item.integration.key === previous);
        this.active = kept >= 0 ? kept : Math.min(this.active, this.#filtered.length - 1);
      }
      this.#filterKey = filterKey;
    }
    const connections = this.connections ?? this.#storedConnections.snapshot?.value;
    if (connections !== this.#connectionSource) {
      this.#connectionSource = connections;
      this.#byIntegration = connectionsByIntegration(connections ?? []);
    }
    if (changed.has('layout')) this.#window.columns = 1;
  }

  protected override render(): TemplateResult {
    // Nothing is watched, so there is no snapshot and no error, while `.integrations` is set.
    const error = this.#storedIntegrations.snapshot?.error;
    const loading = !this.#source && !error;
    const filtering = Boolean(this.query.trim() || this.category);
    return html`<div part="base" class="base" lang=${this.#locale.lang} dir=${this.#locale.dir} aria-busy=${loading}>
      <div class="toolbar">
        <input
          part="search"
          class="search"
          type="search"
          autocomplete="off"
          spellcheck="false"
          aria-label=${this.#locale.t('picker.search')}
          aria-controls=${this.#filtered.length ? 'list' : nothing}
          placeholder=${this.#locale.t('picker.searchPlaceholder')}
          .value=${this.query}
          @input=${this.#onSearchInput}
          @keydown=${this.#onSearchKeydown}
        />
        ${this.#categories.length > 1 ? this.#renderFilter() : nothing}
      </div>
      ${
        error
          ? html`<div part="error" class="error" role="alert">
              <p>${this.#locale.t('picker.error')}</p>
              <p>${error.message}</p>
              <button class="button" type="button" @click=${this.#onRetry}>${this.#locale.t('common.retry')}</button>
            </div>`
          : loading
            ? this.#renderSkeleton()
            : this.#renderResults()
      }
      <div class="visually-hidden" role="status">
        ${!loading && !error && filtering ? this.#locale.t('picker.results', { count: this.#filtered.length }) : ''}
      </div>
    </div>`;
  }

  #renderFilter(): TemplateResult {
    return html`<select
      part="filters"
      class="filters"
      aria-label=${this.#locale.t('picker.category')}
      .value=${this.category}
      @change=${this.#onCategoryChange}
    >
      <option value="" ?selected=${!this.category}>${this.#locale.t('picker.allCategories')}</option>
      ${this.#categories.map(
        (category) => html`<option value=${category} ?selected=${category === this.category}>${category}</option>`,
      )}
    </select>`;
  }

  #renderSkeleton(): TemplateResult {
    return html`<div part="list" class="list">
      <span class="visually-hidden">${this.#locale.t('picker.loading')}</span>
      ${skeleton}${skeleton}${skeleton}${skeleton}${skeleton}
    </div>`;
  }

  #renderResults(): TemplateResult {
    const count = this.#filtered.length;
    if (!this.#searchable.length) return html`<p part="empty" class="empty">${this.#locale.t('picker.empty')}</p>`;
    if (!count)
      return html`<p part="empty" class="empty">${this.#locale.t('picker.noMatch', { query: this.query.trim() })}</p>`;
    const range = this.#window.range(count);
    const activeShown = this.active >= range.start && this.active < range.end;
    return html`<div
      part="list"
      id="list"
      class="list"
      role="listbox"
      tabindex="0"
      aria-label=${this.#locale.t('picker.list')}
      aria-activedescendant=${activeShown ? `option-${this.active}` : nothing}
      @keydown=${this.#onListKeydown}
      @focus=${this.#onListFocus}
      @click=${this.#onListClick}
    >
      <div
        class="items"
        role="none"
        ${styleProps({ 'padding-block-start': `${range.before}px`, 'block-size': `${range.total}px` })}
      >
        ${this.#filtered
          .slice(range.start, range.end)
          .map((item, i) => this.#renderOption(item.integration, range.start + i, count))}
      </div>
    </div>`;
  }

  #renderOption(integration: Integration, index: number, count: number): TemplateResult {
    const connection = this.#byIntegration.get(integration.key);
    return html`<div
      part="item"
      id="option-${index}"
      class=${index === this.active ? 'item active' : 'item'}
      role="option"
      data-index=${index}
      aria-selected=${integration.key === this.value}
      aria-disabled=${integration.enabled ? nothing : 'true'}
      aria-setsize=${count}
      aria-posinset=${index + 1}
    >
      ${renderLogo(integration)}
      <span class="text">
        <span part="label" class="label">${integration.name}</span>
        ${integration.beta ? html`<span part="badge" class="badge">${this.#locale.t('picker.beta')}</span>` : nothing}
        ${
          integration.enabled
            ? nothing
            : html`<span part="badge" class="badge">${this.#locale.t('picker.unavailable')}</span>`
        }
      </span>
      ${connection ? this.#renderStatus(connection) : nothing}
    </div>`;
  }

  /** The user's connection to an integration in a word or two, after a dot in the status's tone. */
  #renderStatus({ status, health, paused }: Connection): TemplateResult {
    const key = paused
      ? 'status.paused'
      : status === 'linked' && health === 'unhealthy'
        ? 'health.unhealthy'
        : (`status.${status}` as const);
    return html`<span part="status" class="status" data-tone=${statusTone(status, health, paused)}
      >${this.#locale.t(key)}</span
    >`;
  }

  /** Moves the keyboard to the option at `index` (clamped) and scrolls it into view. */
  #moveTo(index: number): void {
    const count = this.#filtered.length;
    if (!count) return;
    this.active = Math.max(0, Math.min(count - 1, index));
    this.#window.reveal(this.active);
  }

  /** Chooses the option at `index`, if it is enabled, and tells the page. */
  #choose(index: number): void {
    const integration = this.#filtered[index]?.integration;
    if (!integration || !integration.enabled) return;
    const connection = this.#byIntegration.get(integration.key);
    const event = new LfSelectEvent(connection ? { integration, connection } : { integration }, { cancelable: true });
    if (this.dispatchEvent(event)) this.value = integration.key;
  }

  async #backToSearch(edit?: (query: string) => string): Promise<void> {
    if (edit) this.query = edit(this.query);
    await this.updateComplete;
    this.#searchBox?.focus();
  }

  #onSearchInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
  }

  #onCategoryChange(event: Event): void {
    this.category = (event.target as HTMLSelectElement).value;
  }

  #onSearchKeydown(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' || !this.#filtered.length) return;
    event.preventDefault();
    this.#moveTo(Math.max(0, this.active));
    this.#listbox?.focus();
  }

  #onListFocus(): void {
    if (this.active < 0 || this.active >= this.#filtered.length) {
      const selected = this.#filtered.findIndex((item) => item.integration.key === this.value);
      this.#moveTo(Math.max(0, selected));
    }
  }

  #onListClick(event: MouseEvent): void {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (!option) return;
    const index = Number(option.dataset['index']);
    this.active = index;
    this.#choose(index);
  }

  #onListKeydown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const grid = this.layout === 'grid';
    const columns = grid ? this.#window.columns : 1;
    const last = this.#filtered.length - 1;
    const at = this.active;
    switch (event.key) {
      case 'ArrowDown':
        // To the next row, or to the last option when the next row is shorter; not past the last row.
        if (Math.floor(at / columns) < Math.floor(last / columns)) this.#moveTo(at + columns);
        break;
      case 'ArrowUp':
        if (at - columns >= 0) this.#moveTo(at - columns);
        else void this.#backToSearch();
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        // Forward is the way the text runs: right in LTR, left in RTL.
        if (grid) this.#moveTo((event.key === 'ArrowRight') === (this.#locale.dir === 'ltr') ? at + 1 : at - 1);
        break;
      case 'Home':
        this.#moveTo(0);
        break;
      case 'End':
        this.#moveTo(last);
        break;
      case 'PageDown':
        this.#moveTo(at + this.#window.pageSize);
        break;
      case 'PageUp':
        this.#moveTo(at - this.#window.pageSize);
        break;
      case 'Enter':
      case ' ':
        this.#choose(at);
        break;
      case 'Escape':
        void this.#backToSearch();
        break;
      case 'Backspace':
        void this.#backToSearch((query) => query.slice(0, -1));
        break;
      default:
        if ([...event.key].length !== 1) return;
        void this.#backToSearch((query) => query + event.key);
    }
    event.preventDefault();
  }

  #onRetry(): void {
    const error = this.#storedIntegrations.snapshot?.error;
    this.dispatchEvent(new LfRetryEvent(error ? { error } : {}));
    void this.#storedIntegrations.store?.refresh('integrations');
    void this.#backToSearch();
  }
}
