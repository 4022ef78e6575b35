import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import { storeFor } from '../../adapter/store.js';
import { LfReconnectEvent } from '../../events/reconnect.js';
import { LfRemoveEvent } from '../../events/remove.js';
import { LfRetryEvent } from '../../events/retry.js';
import { LfUnlinkEvent } from '../../events/unlink.js';
import { toLinkError } from '../../model/link-error.js';
import type { Connection, Integration } from '../../model/schemas.js';
import { LfElement } from '../base/base-element.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { commonStrings } from '../shared/locales/en/common.js';
import { connectionListStrings } from '../shared/locales/en/connection-list.js';
import { StoreController, type StoreWatch } from '../controllers/store-controller.js';
import type { MessageVars, StringOverrides } from '../shared/i18n.js';
import { logoStyles, renderLogo } from '../shared/logo.js';
import { buttonStyles, focusStyles, themeStyles, visuallyHiddenStyles } from '../shared/theme.styles.js';
import { listStyles } from './connection-list.styles.js';

/** The list's own messages, by their key after `connectionList.`. */
type ListKey = keyof typeof connectionListStrings extends infer K
  ? K extends `connectionList.${infer Rest}`
    ? Rest
    : never
  : never;

/** The buttons of a row, as their `data-action` says. */
type Action = 'reconnect' | 'unlink' | 'remove' | 'confirm' | 'cancel';

/** A grey stand-in for a row while the connections load; three are shown. */
const skeleton = html`<div class="skeleton" aria-hidden="true"><span></span><span></span></div>`;

/**
 * The user's connections, each with its integration's name and logo, its status and health (an
 * `lf-status-indicator`, with the last sync as a relative time), a summary of its active issues, and
 * its actions: reconnect, unlink and remove. Remove asks first, inline. It shows `.connections` when
 * set, else loads them through the store (of its own `.adapter` or the enclosing `lf-provider`), which
 * also carries out unlink and remove; with plain properties the page does, on the events.
 *
 * @summary The user's connections with their status, health and last sync, and reconnect, unlink and remove actions.
 *
 * @dependency lf-status-indicator
 *
 * @event lf-reconnect - The user asked to authorize a connection again; `detail: { connection }`.
 * @event lf-unlink - The user asked to unlink a connection (stop syncing, keep data); `detail: { connection }`. Cancelable: a cancelled unlink is not made.
 * @event lf-remove - The user confirmed removing a connection; `detail: { connection }`. Cancelable: a cancelled removal is not made.
 * @event lf-retry - The user asked to load the connections again after an error; `detail: { error }`.
 *
 * @csspart base - Everything inside the element.
 * @csspart heading - The "Connections" heading.
 * @csspart list - The list of connections.
 * @csspart item - One connection.
 * @csspart logo - The integration's logo, or its lettered placeholder.
 * @csspart placeholder - The lettered placeholder drawn when a logo cannot be shown.
 * @csspart label - The integration's name.
 * @csspart status - The connection's status, health and last sync (an `lf-status-indicator`).
 * @csspart issues - The summary of a connection's active issues.
 * @csspart actions - The row of action buttons of one connection.
 * @csspart confirm - The inline question asked before removing.
 * @csspart error - A failed action's message, or the list's loading error.
 * @csspart empty - The "no connections yet" message.
 *
 * @cssproperty [--lf-list-background=var(--lf-color-surface)] - Background behind the heading and rows.
 * @cssproperty [--lf-list-gap=var(--lf-space-3)] - Space between the rows.
 * @cssproperty [--lf-list-item-padding=var(--lf-space-3)] - Padding inside each row.
 * @cssproperty [--lf-list-item-background=var(--lf-color-surface)] - Background of each row.
 * @cssproperty [--lf-list-item-border=1px solid var(--lf-color-border)] - Border of each row.
 * @cssproperty [--lf-list-radius=var(--lf-radius)] - Corner radius of each row.
 * @cssproperty [--lf-list-logo-size=2.5rem] - Size of each logo.
 */
export class LfConnectionList extends LfElement {
  static override styles = [
    ...LfElement.styles,
    themeStyles,
    focusStyles,
    visuallyHiddenStyles,
    buttonStyles,
    logoStyles,
    listStyles,
  ];

  static override properties = {
    connections: { attribute: false },
    integrations: { attribute: false },
    adapter: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    strings: { attribute: false },
    theme: { reflect: true },
    confirming: { state: true },
    rowStates: { state: true },
    announcement: { state: true },
  };

  /** The connections to show; when unset they are loaded through the store. */
  connections?: Connection[];

  /** The integrations, for each connection's logo; when unset they come from the store, if there is one. */
  integrations?: Integration[];

  /** An adapter of the element's own, used instead of the enclosing `lf-provider`'s. */
  adapter?: ConnectionAdapter;

  /** The level of the list's heading (1 to 6). */
  headingLevel = 2;

  /** Per-key string overrides (see the message catalogue), winning over the provider's. */
  strings?: StringOverrides;

  /** Forces the `light` or `dark` scheme; unset follows the user's preference. */
  theme?: 'light' | 'dark';

  /** The connection whose removal is being confirmed. */
  private confirming?: string;

  /** Per connection id: `true` while its unlink or removal is in flight, else the message of its last failed action, if any. */
  private rowStates: Readonly<Record<string, true | string | undefined>> = {};

  /** What the live region says after an action succeeded. */
  private announcement = '';

  private readonly locale = new LocaleController(this, { ...commonStrings, ...connectionListStrings });
  /** The store's connections, watched while `.connections` is unset. */
  private readonly stored: StoreController<Connection[]> = this.#watch('connections', (store, listener) =>
    store.subscribeConnections(listener),
  );
  /** The store's integrations, watched while `.integrations` is unset. */
  private readonly storedIntegrations: StoreController<Integration[]> = this.#watch('integrations', (store, listener) =>
    store.subscribeIntegrations(listener),
  );

  /** Where focus goes once a removed row has left: the row that was at `index`, else the heading. */
  #afterRemove: { readonly id: string; readonly index: number } | undefined;
  /** The button that takes focus after the next update (its row's buttons changed): `action`, else the first. */
  #focusNext: { readonly id: string; readonly action?: Action } | undefined;

  /**
   * A store controller following what `subscribe` subscribes to while the property `key` is unset. The
   * store tells a new subscriber the current snapshot at once, so nothing needs reading first.
   */
  #watch<T>(key: 'connections' | 'integrations', subscribe: StoreWatch<T>['subscribe']): StoreController<T> {
    return new StoreController(this, storeFor, {
      subscribe: (store, listener) => (this[key] ? undefined : subscribe(store, listener)),
      deps: () => [!this[key]],
    });
  }

  protected override render(): TemplateResult {
    const t = this.locale.t.bind(this.locale);
    const l = (key: ListKey, vars?: MessageVars) => t(`connectionList.${key}`, vars);
    const shown = this.connections ?? this.stored.snapshot?.value;
    const error = !shown && this.stored.snapshot?.error;
    const integrations = this.integrations ?? this.storedIntegrations.snapshot?.value;
    const store = this.stored.store;

    const item = (connection: Connection, index: number) => {
      const { id, integrationName: name, status } = connection;
      const state = this.rowStates[id];
      const busy = state === true;
      const issues = connection.issues.filter((issue) => issue.active);
      /** One of the row's buttons; `kind` adds a class to `button`. */
      const button = (action: Action, text: string, run: () => void, label?: string, kind = '') =>
        html`<button
          class="button${kind}"
          type="button"
          data-action=${action}
          aria-label=${label ?? nothing}
          aria-disabled=${busy || nothing}
          @click=${() => this.#press(id, run)}
        >
          ${text}
        </button>`;
      return html`<li part="item" data-id=${id} aria-busy=${busy}>
        ${renderLogo({ ...integrations?.find((integration) => integration.key === connection.integrationKey), name })}
        <div class="main">
          <span part="label" class="label">${name}</span>
          <lf-status-indicator
            part="status"
            class="status"
            theme=${this.theme ?? nothing}
            .connection=${connection}
            .strings=${this.strings}
          ></lf-status-indicator>
          ${
            issues.length
              ? html`<div part="issues" class="issues">
                  <p class="issue-count">${l('issues', { count: issues.length })}</p>
                  <p class="issue">${issues[0]!.message}</p>
                </div>`
              : nothing
          }
        </div>
        ${
          this.confirming === id
            ? html`<div
                part="confirm"
                class="confirm"
                role="group"
                aria-labelledby="confirm-${index}"
                @keydown=${(event: KeyboardEvent) =>
                  event.key === 'Escape' &&
                  (event.target as HTMLElement).dataset['action'] === 'cancel' &&
                  this.#press(id, () => this.#ask(id, false))}
              >
                <p id="confirm-${index}">${l('confirmRemove', { name })}</p>
                <div class="actions">
                  ${button(
                    'confirm',
                    l('confirmRemoveButton'),
                    () => this.#confirmRemove(connection, index),
                    undefined,
                    ' danger',
                  )}
                  ${button('cancel', t('common.cancel'), () => this.#ask(id, false))}
                </div>
              </div>`
            : html`<div part="actions" class="actions">
                ${
                  status !== 'linked' || connection.health === 'unhealthy'
                    ? button(
                        'reconnect',
                        t('common.reconnect'),
                        () => this.dispatchEvent(new LfReconnectEvent({ connection })),
                        l('reconnectLabel', { name }),
                        ' button--primary',
                      )
                    : nothing
                }
                ${
                  (!store || store.canUnlink) && status !== 'unlinked'
                    ? button('unlink', l('unlink'), () => this.#unlink(connection), l('unlinkLabel', { name }))
                    : nothing
                }
                ${
                  !store || store.canRemove
                    ? button('remove', l('remove'), () => this.#ask(id, true), l('removeLabel', { name }))
                    : nothing
                }
              </div>`
        }
        ${
          typeof state === 'string'
            ? html`<p part="error" class="error failure" role="alert">${l('actionFailed', { message: state })}</p>`
            : nothing
        }
      </li>`;
    };

    return html`<div
      part="base"
      class="base"
      lang=${this.locale.lang}
      dir=${this.locale.dir}
      aria-busy=${!shown && !error}
    >
      <div
        part="heading"
        id="heading"
        role="heading"
        aria-level=${Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2))}
        tabindex="-1"
      >
        ${l('heading')}
      </div>
      ${
        shown
          ? shown.length
            ? html`<ul part="list" aria-labelledby="heading">
                ${shown.map(item)}
              </ul>`
            : html`<p part="empty" class="empty">${l('empty')}</p>`
          : error
            ? html`<div part="error" class="error" role="alert">
                <p>${l('error')}</p>
                <p>${error.message}</p>
                <button class="button" type="button" @click=${this.#retry}>${t('common.retry')}</button>
              </div>`
            : html`<div class="loading">
                <span class="visually-hidden">${l('loading')}</span>
                ${skeleton}${skeleton}${skeleton}
              </div>`
      }
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  protected override updated(): void {
    const rows = [...this.renderRoot.querySelectorAll('li')];
    const row = (id: string) => rows.find((r) => r.dataset['id'] === id);
    const removed = this.#afterRemove;
    if (removed && !row(removed.id)) {
      this.#afterRemove = undefined;
      if (!this.shadowRoot?.activeElement) {
        (
          rows[Math.min(removed.index, rows.length - 1)]?.querySelector('button') ??
          this.renderRoot.querySelector<HTMLElement>('#heading')
        )?.focus();
      }
    }
    const next = this.#focusNext;
    if (next) {
      this.#focusNext = undefined;
      row(next.id)
        ?.querySelector<HTMLElement>(next.action ? `[data-action=${next.action}]` : 'button')
        ?.focus();
    }
  }

  /** Sets (or, with no value, clears) what a row shows of its action: in flight, or the message of its failure. */
  #setRowState(id: string, value?: true | string): void {
    this.rowStates = { ...this.rowStates, [id]: value };
  }

  /** Runs a row's button: nothing while the row's action is in flight, else its last failure is cleared first. */
  #press(id: string, run: () => void): void {
    if (this.rowStates[id] === true) return;
    this.#setRowState(id);
    run();
  }

  /**
   * Unlinks or removes a connection through the store: the row is busy meanwhile, then the live region
   * says it is done, or the row shows why it failed. Focus then goes to the row's first button after an
   * unlink, to Remove after a failed removal; a removed row's focus is left to `#afterRemove`.
   */
  async #act(connection: Connection, action: 'unlink' | 'remove'): Promise<void> {
    const { id } = connection;
    const unlink = action === 'unlink';
    this.#setRowState(id, true);
    try {
      await this.stored.store![action](id);
      this.#setRowState(id);
      this.announcement = this.locale.t(`connectionList.${unlink ? 'unlinked' : 'removed'}` as const, {
        name: connection.integrationName,
      });
    } catch (error) {
      this.#setRowState(id, toLinkError(error).message);
      if (!unlink) {
        this.#afterRemove = undefined;
        this.#focusNext = { id, action: 'remove' };
      }
    }
    if (unlink) this.#focusNext = { id };
    else if (this.confirming === id) this.confirming = undefined;
  }

  #unlink(connection: Connection): void {
    if (this.dispatchEvent(new LfUnlinkEvent({ connection }, { cancelable: true })) && this.stored.store) {
      void this.#act(connection, 'unlink');
    }
  }

  /** Opens the removal question of a row (focus on Cancel), or closes it (focus back on Remove). */
  #ask(id: string, asking: boolean): void {
    this.confirming = asking ? id : undefined;
    this.#focusNext = { id, action: asking ? 'cancel' : 'remove' };
  }

  #confirmRemove(connection: Connection, index: number): void {
    const { id } = connection;
    if (!this.dispatchEvent(new LfRemoveEvent({ connection }, { cancelable: true }))) return this.#ask(id, false);
    this.#afterRemove = { id, index };
    if (this.stored.store) void this.#act(connection, 'remove');
    else this.#ask(id, false);
  }

  #retry(): void {
    const error = this.stored.snapshot?.error;
    this.dispatchEvent(new LfRetryEvent(error ? { error } : {}));
    void this.stored.store?.refresh('connections');
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }
}
