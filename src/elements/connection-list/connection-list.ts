import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
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
import { StoreController } from '../controllers/store-controller.js';
import type { StringOverrides } from '../shared/i18n.js';
import { logoStyles, renderLogo } from '../shared/logo.js';
import { buttonStyles, focusStyles, themeStyles, visuallyHiddenStyles } from '../shared/theme.styles.js';
import { listStyles } from './connection-list.styles.js';

type Action = 'unlink' | 'remove';

const SKELETON_ROWS = 3;

/** Whether a connection needs the user to authorize it again. */
const needsReconnect = (c: Connection): boolean => c.status !== 'linked' || c.health === 'unhealthy';

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
    busy: { state: true },
    failures: { state: true },
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

  /** The action in flight per connection id. */
  private busy: Readonly<Record<string, Action>> = {};

  /** The message of the last failed action per connection id. */
  private failures: Readonly<Record<string, string>> = {};

  /** What the live region says after an action succeeded. */
  private announcement = '';

  private readonly locale = new LocaleController(this, { ...commonStrings, ...connectionListStrings });
  private readonly storedConnections = new StoreController<Connection[]>(this, {
    subscribe: (store, listener) => (this.connections ? undefined : store.subscribeConnections(listener)),
    read: (store) => (this.connections ? undefined : store.connections()),
    deps: () => [!this.connections],
  });
  private readonly storedIntegrations = new StoreController<Integration[]>(this, {
    subscribe: (store, listener) => (this.integrations ? undefined : store.subscribeIntegrations(listener)),
    read: (store) => (this.integrations ? undefined : store.integrations()),
    deps: () => [!this.integrations],
  });

  /** Where focus goes once a removed row has left: the row that was at `index`, else the heading. */
  #afterRemove: { readonly id: string; readonly index: number } | undefined;
  /** The button that takes focus after the next update (its row's buttons changed): `action`, else the first. */
  #focusNext: { readonly id: string; readonly action?: string } | undefined;

  private get shown(): readonly Connection[] | undefined {
    return this.connections ?? this.storedConnections.snapshot?.value;
  }

  private get logos(): ReadonlyMap<string, Integration> {
    const list = this.integrations ?? this.storedIntegrations.snapshot?.value ?? [];
    return new Map(list.map((integration) => [integration.key, integration]));
  }

  protected override render(): TemplateResult {
    const t = this.locale.t.bind(this.locale);
    const shown = this.shown;
    const error = this.connections ? undefined : this.storedConnections.snapshot?.error;
    const loading = !shown && !error;
    let body: TemplateResult;
    if (error && !shown) {
      body = html`<div part="error" class="error" role="alert">
        <p>${t('connectionList.error')}</p>
        <p>${error.message}</p>
        <button class="button" type="button" @click=${this.onRetry}>${t('common.retry')}</button>
      </div>`;
    } else if (!shown) {
      body = html`<div class="loading">
        <span class="visually-hidden">${t('connectionList.loading')}</span>
        ${Array.from({ length: SKELETON_ROWS }, () => html`<div class="skeleton" aria-hidden="true"><span></span><span></span></div>`)}
      </div>`;
    } else if (!shown.length) {
      body = html`<p part="empty" class="empty">${t('connectionList.empty')}</p>`;
    } else {
      const logos = this.logos;
      body = html`<ul part="list" class="list" aria-labelledby="heading">
        ${shown.map((connection, index) => this.renderItem(connection, index, logos.get(connection.integrationKey)))}
      </ul>`;
    }
    return html`<div
      part="base"
      class="base"
      lang=${this.locale.lang}
      dir=${this.locale.dir}
      aria-busy=${loading ? 'true' : 'false'}
    >
      <div part="heading" class="heading" id="heading" role="heading" aria-level=${this.level} tabindex="-1">
        ${t('connectionList.heading')}
      </div>
      ${body}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  private get level(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
  }

  private renderItem(connection: Connection, index: number, integration: Integration | undefined): TemplateResult {
    const t = this.locale.t.bind(this.locale);
    const id = connection.id;
    const name = connection.integrationName;
    const busy = this.busy[id];
    const failure = this.failures[id];
    const issues = connection.issues.filter((issue) => issue.active);
    const store = this.storedConnections.store;
    const canUnlink = (!store || store.canUnlink) && connection.status !== 'unlinked';
    const canRemove = !store || store.canRemove;
    const off = busy ? 'true' : nothing;
    return html`<li part="item" class="item" data-id=${id} aria-busy=${busy ? 'true' : 'false'}>
      ${renderLogo({ name, logoUrl: integration?.logoUrl, color: integration?.color })}
      <div class="main">
        <span part="label" class="label" id="label-${index}">${name}</span>
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
                <p class="issue-count">${t('connectionList.issues', { count: issues.length })}</p>
                <p class="issue">${issues[0]!.message}</p>
              </div>`
            : nothing
        }
      </div>
      ${
        this.confirming === id
          ? html`<div part="confirm" class="confirm" role="group" aria-labelledby="confirm-${index}">
              <p id="confirm-${index}">${t('connectionList.confirmRemove', { name })}</p>
              <div class="actions">
                <button
                  class="button button--danger"
                  type="button"
                  data-action="confirm"
                  aria-disabled=${off}
                  @click=${() => this.confirmRemove(connection, index)}
                >
                  ${t('connectionList.confirmRemoveButton')}
                </button>
                <button
                  class="button"
                  type="button"
                  data-action="cancel"
                  aria-disabled=${off}
                  @click=${() => this.cancelRemove(id)}
                  @keydown=${this.onConfirmKeydown}
                >
                  ${t('common.cancel')}
                </button>
              </div>
            </div>`
          : html`<div part="actions" class="actions">
              ${
                needsReconnect(connection)
                  ? html`<button
                      class="button button--primary"
                      type="button"
                      data-action="reconnect"
                      aria-label=${t('connectionList.reconnectLabel', { name })}
                      aria-disabled=${off}
                      @click=${() => this.reconnect(connection)}
                    >
                      ${t('common.reconnect')}
                    </button>`
                  : nothing
              }
              ${
                canUnlink
                  ? html`<button
                      class="button"
                      type="button"
                      data-action="unlink"
                      aria-label=${t('connectionList.unlinkLabel', { name })}
                      aria-disabled=${off}
                      @click=${() => this.unlink(connection)}
                    >
                      ${t('connectionList.unlink')}
                    </button>`
                  : nothing
              }
              ${
                canRemove
                  ? html`<button
                      class="button"
                      type="button"
                      data-action="remove"
                      aria-label=${t('connectionList.removeLabel', { name })}
                      aria-disabled=${off}
                      @click=${() => this.askRemove(id)}
                    >
                      ${t('connectionList.remove')}
                    </button>`
                  : nothing
              }
            </div>`
      }
      ${
        failure
          ? html`<p part="error" class="error failure" role="alert">
              ${t('connectionList.actionFailed', { message: failure })}
            </p>`
          : nothing
      }
    </li>`;
  }

  protected override updated(): void {
    const rows = [...this.renderRoot.querySelectorAll<HTMLElement>('li[data-id]')];
    if (this.#afterRemove && !rows.some((row) => row.dataset['id'] === this.#afterRemove!.id)) {
      const { index } = this.#afterRemove;
      this.#afterRemove = undefined;
      if (!this.shadowRoot?.activeElement) {
        const row = rows[Math.min(index, rows.length - 1)];
        (row?.querySelector<HTMLElement>('button') ?? this.renderRoot.querySelector<HTMLElement>('#heading'))?.focus();
      }
    }
    if (this.#focusNext) {
      const { id, action } = this.#focusNext;
      const row = rows.find((r) => r.dataset['id'] === id);
      this.#focusNext = undefined;
      const target = action ? row?.querySelector<HTMLElement>(`[data-action="${action}"]`) : undefined;
      (target ?? row?.querySelector('button'))?.focus();
    }
  }

  private setBusy(id: string, action: Action | undefined): void {
    const { [id]: _, ...rest } = this.busy;
    this.busy = action ? { ...rest, [id]: action } : rest;
  }

  private setFailure(id: string, message: string | undefined): void {
    const { [id]: _, ...rest } = this.failures;
    this.failures = message ? { ...rest, [id]: message } : rest;
  }

  private reconnect(connection: Connection): void {
    if (this.busy[connection.id]) return;
    this.setFailure(connection.id, undefined);
    this.dispatchEvent(new LfReconnectEvent({ connection }));
  }

  private async unlink(connection: Connection): Promise<void> {
    const { id } = connection;
    if (this.busy[id]) return;
    this.setFailure(id, undefined);
    if (!this.dispatchEvent(new LfUnlinkEvent({ connection }, { cancelable: true }))) return;
    const store = this.storedConnections.store;
    if (!store) return;
    this.setBusy(id, 'unlink');
    try {
      await store.unlink(id);
      this.announcement = this.locale.t('connectionList.unlinked', { name: connection.integrationName });
    } catch (error) {
      this.setFailure(id, toLinkError(error).message);
    } finally {
      this.setBusy(id, undefined);
      this.#focusNext = { id };
    }
  }

  private askRemove(id: string): void {
    if (this.busy[id]) return;
    this.setFailure(id, undefined);
    this.confirming = id;
    this.#focusNext = { id, action: 'cancel' };
  }

  private cancelRemove(id: string): void {
    if (this.busy[id]) return;
    this.confirming = undefined;
    this.#focusNext = { id, action: 'remove' };
  }

  private onConfirmKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.confirming) this.cancelRemove(this.confirming);
  }

  private async confirmRemove(connection: Connection, index: number): Promise<void> {
    const { id } = connection;
    if (this.busy[id]) return;
    if (!this.dispatchEvent(new LfRemoveEvent({ connection }, { cancelable: true }))) {
      this.cancelRemove(id);
      return;
    }
    this.#afterRemove = { id, index };
    const store = this.storedConnections.store;
    if (!store) {
      this.confirming = undefined;
      this.#focusNext = { id, action: 'remove' };
      return;
    }
    this.setBusy(id, 'remove');
    try {
      await store.remove(id);
      this.announcement = this.locale.t('connectionList.removed', { name: connection.integrationName });
    } catch (error) {
      this.#afterRemove = undefined;
      this.setFailure(id, toLinkError(error).message);
      this.#focusNext = { id, action: 'remove' };
    } finally {
      this.setBusy(id, undefined);
      if (this.confirming === id) this.confirming = undefined;
    }
  }

  private onRetry(): void {
    const error = this.storedConnections.snapshot?.error;
    this.dispatchEvent(new LfRetryEvent(error ? { error } : {}));
    void this.storedConnections.store?.refresh('connections');
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }
}
