import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import type { ConnectionStore } from '../../adapter/store.js';
import { settingsContext } from '../../context/index.js';
import { LfCancelEvent } from '../../events/cancel.js';
import { LfErrorEvent } from '../../events/error.js';
import { LfLinkStartEvent } from '../../events/link-start.js';
import { LfLinkedEvent } from '../../events/linked.js';
import { LfPopupBlockedEvent } from '../../events/popup-blocked.js';
import type { LfReconnectEvent } from '../../events/reconnect.js';
import type { LfSelectEvent } from '../../events/select.js';
import { LfStateChangeEvent } from '../../events/state-change.js';
import { LinkFlow, type LinkFlowEvent, type LinkFlowOptions, type LinkFlowSnapshot } from '../../flow/link-flow.js';
import type { PollSettings } from '../../flow/poller.js';
import type { Connection, LinkFlowStep, WindowMode } from '../../model/index.js';
import { LfElement } from '../base/base-element.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { commonStrings } from '../shared/locales/en/common.js';
import { linkFlowStrings } from '../shared/locales/en/link-flow.js';
import { StoreController } from '../controllers/store-controller.js';
import type { MessageKey, StringOverrides } from '../shared/i18n.js';
import { buttonStyles, focusStyles, themeStyles, visuallyHiddenStyles } from '../shared/theme.styles.js';
import { linkFlowStyles } from './link-flow.styles.js';

/** Splits `allowed-origins="https://a.example https://b.example"`. */
const originList = {
  fromAttribute: (value: string | null): string[] => (value ? value.split(/\s+/).filter(Boolean) : []),
  toAttribute: (value: string[]): string => value.join(' '),
};

/** The steps during which the user waits on something and may back out. */
const WAITING: ReadonlySet<LinkFlowStep> = new Set(['starting', 'authorizing', 'verifying']);

/**
 * The whole link flow in one element: the user picks an integration, authorizes it at the provider
 * (in this tab or a popup), comes back, and sees the connection verified as linked, or why not. It
 * resumes by itself when the page loads with the provider's return parameters, and stops polling when
 * it leaves the page. Inside `lf-provider` it takes the adapter, window mode and allowed origins from
 * there; alone it takes `.adapter` and its own attributes.
 *
 * @summary Pick an integration, authorize it at the provider, come back verified.
 *
 * @dependency lf-connection-picker
 * @dependency lf-status-indicator
 * @dependency lf-error-panel
 *
 * @event lf-select - The user chose an integration (from the picker inside); `detail: { integration, connection? }`.
 * @event {LfLinkStartEvent} lf-link-start - The user is about to be sent to the provider; `detail: { integrationKey, connectionId?, mode }`.
 * @event {LfLinkedEvent} lf-linked - The connection is verified as linked; `detail: { connection }`.
 * @event {LfErrorEvent} lf-error - The flow failed; `detail: { error }` with the `LinkError` and its `code`.
 * @event {LfCancelEvent} lf-cancel - The user cancelled at the provider, closed the popup or backed out; `detail: { integrationKey?, message? }`.
 * @event {LfStateChangeEvent} lf-state-change - The flow moved to another step; `detail: { step, previous }`.
 * @event {LfPopupBlockedEvent} lf-popup-blocked - The popup could not open, so the flow redirects instead; `detail: { integrationKey }`.
 * @event lf-retry - The user asked to try again after an error (from the error panel inside); `detail: { error }`.
 * @event lf-reconnect - The user asked to re-authorize the failed connection (from the error panel inside), which the flow starts; `detail: { connection }`.
 * @event lf-dismiss - The user dismissed the error (from the error panel inside), which takes the flow back to choosing; `detail: { error?, connection? }`.
 *
 * @slot heading - Replaces the heading shown above the picker.
 * @slot linked - Extra content shown once linked (e.g. a "Continue" link of the host's).
 *
 * @csspart base - The element's box.
 * @csspart heading - The heading of the current step; focused when the step changes.
 * @csspart picker - The `lf-connection-picker` shown while choosing.
 * @csspart step - The box of a waiting, linked or cancelled step.
 * @csspart spinner - The progress indicator while waiting.
 * @csspart status - The `lf-status-indicator` of the connection being verified or linked.
 * @csspart error - The `lf-error-panel` shown when the flow failed.
 * @csspart actions - The row of buttons under a step.
 * @csspart cancel - The cancel button while waiting.
 * @csspart restart - The button that goes back to choosing.
 * @csspart retry - The try-again button after a cancel.
 *
 * @cssproperty [--lf-link-flow-background=var(--lf-color-surface)] - Background of the element.
 * @cssproperty [--lf-link-flow-gap=var(--lf-space-4)] - Space between the parts of a step.
 * @cssproperty [--lf-link-flow-padding=var(--lf-space-4)] - Padding of a waiting, linked or cancelled step.
 * @cssproperty [--lf-link-flow-spinner-color=var(--lf-color-accent)] - Colour of the progress indicator.
 */
export class LfLinkFlow extends LfElement {
  static override styles = [
    ...LfElement.styles,
    themeStyles,
    focusStyles,
    buttonStyles,
    visuallyHiddenStyles,
    linkFlowStyles,
  ];

  static override properties = {
    adapter: { attribute: false },
    mode: {},
    allowedOrigins: { attribute: 'allowed-origins', converter: originList },
    returnUrl: { attribute: 'return-url' },
    connectionId: { attribute: 'connection-id' },
    poll: { attribute: false },
    flowOptions: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
    step: { reflect: true },
    snapshot: { state: true },
    linkMode: { state: true },
  };

  /** The adapter to use when not inside `lf-provider` (or to override the provider's). */
  adapter?: ConnectionAdapter;

  /** How the provider's page opens: `redirect` (this tab) or `popup`; default the provider's, else `redirect`. */
  mode?: WindowMode;

  /** Origins the authorization URL may be on (space-separated); default the provider's; empty allows any safe URL. */
  allowedOrigins?: string[];

  /** The page the provider sends the user back to (same origin); default this page. */
  returnUrl?: string;

  /** Re-authorize this existing connection instead of making a new one. */
  connectionId?: string;

  /** How verification polls: `{ initial, max, deadline }` in ms; default 0.5 s doubling to 5 s, a minute in all. */
  poll?: PollSettings;

  /** Advanced: the window, storage and clock the flow works with (default the page's own). */
  flowOptions?: Pick<LinkFlowOptions, 'window' | 'storage' | 'clock'>;

  /** Per-key string overrides (see the message catalogue), winning over the provider's. */
  strings?: StringOverrides;

  /** Forces the light or dark theme; default follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';

  /** The flow's current step, reflected for styling (`lf-link-flow[step='linked']`). Read-only. */
  step: LinkFlowStep = 'idle';

  private snapshot: LinkFlowSnapshot = { step: 'idle' };

  /** How the current link actually opened: `redirect` when a blocked popup fell back to it. */
  private linkMode?: WindowMode;

  private readonly locale = new LocaleController(this, { ...commonStrings, ...linkFlowStrings });
  private readonly stores = new StoreController(this);
  private readonly settings = new ContextConsumer(this, { context: settingsContext, subscribe: true });

  #flow: LinkFlow | undefined;
  #flowStore: ConnectionStore | undefined;
  #unsubscribe: (() => void) | undefined;
  /** Set when the element leaves the page; cleared if it comes back before the microtask runs. */
  #leaving = false;
  /** Focus follows the step once the user has interacted or returned from the provider. */
  #moveFocus = false;

  /** The underlying state machine, for hosts that drive it (`select`, `cancel`, `retry`, `reset`). */
  get flow(): LinkFlow | undefined {
    return this.#flow;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#leaving = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page (disconnect then connect in one task) keeps the flow running.
    this.#leaving = true;
    queueMicrotask(() => {
      if (this.#leaving) this.#stop();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const store = this.stores.store;
    if (store !== this.#flowStore) this.#start(store);
    const flow = this.#flow;
    if (flow) {
      flow.mode = this.#mode();
      flow.allowedOrigins = this.#allowedOrigins();
    }
    if (changed.has('step') && this.step !== this.snapshot.step) this.step = this.snapshot.step;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('snapshot' as keyof LfLinkFlow) && this.#moveFocus) {
      const previous = (changed.get('snapshot' as keyof LfLinkFlow) as LinkFlowSnapshot | undefined)?.step;
      if (previous !== this.snapshot.step && this.snapshot.step !== 'choosing')
        this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
    }
  }

  #mode(): WindowMode {
    return this.mode ?? this.settings.value?.mode ?? 'redirect';
  }

  #allowedOrigins(): readonly string[] {
    return this.allowedOrigins ?? this.settings.value?.allowedOrigins ?? [];
  }

  /** Makes the flow for `store` (disposing any older one) and takes a return the page loaded with. */
  #start(store: ConnectionStore | undefined): void {
    this.#stop();
    this.#flowStore = store;
    if (!store || !this.isConnected) return;
    const flow = new LinkFlow({
      ...this.flowOptions,
      source: store,
      mode: this.#mode(),
      allowedOrigins: this.#allowedOrigins(),
      ...(this.returnUrl ? { returnUrl: this.returnUrl } : {}),
      ...(this.poll ? { poll: this.poll } : {}),
      onEvent: (event) => this.#dispatch(event),
    });
    this.#flow = flow;
    this.#unsubscribe = flow.subscribe((snapshot) => {
      this.snapshot = snapshot;
      this.step = snapshot.step;
    });
    const resumed = flow.resume();
    if (resumed === 'returned') this.#moveFocus = true;
    if (resumed === 'none') void flow.load();
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#flow?.dispose();
    this.#flow = undefined;
    this.#flowStore = undefined;
  }

  /** Flow events held back while the picker's lf-select is still on its way to the page. */
  #held: LinkFlowEvent[] | undefined;

  #dispatch(event: LinkFlowEvent): void {
    if (this.#held) {
      this.#held.push(event);
      return;
    }
    switch (event.type) {
      case 'state-change':
        this.dispatchEvent(new LfStateChangeEvent({ step: event.step, previous: event.previous }));
        break;
      case 'link-start':
        this.linkMode = event.mode;
        this.dispatchEvent(
          new LfLinkStartEvent({
            integrationKey: event.integrationKey,
            mode: event.mode,
            ...(event.connectionId ? { connectionId: event.connectionId } : {}),
          }),
        );
        break;
      case 'linked':
        this.dispatchEvent(new LfLinkedEvent({ connection: event.connection }));
        break;
      case 'error':
        this.dispatchEvent(new LfErrorEvent({ error: event.error }));
        break;
      case 'cancel':
        this.dispatchEvent(
          new LfCancelEvent({
            ...(event.integrationKey ? { integrationKey: event.integrationKey } : {}),
            ...(event.message ? { message: event.message } : {}),
          }),
        );
        break;
      case 'popup-blocked':
        this.dispatchEvent(new LfPopupBlockedEvent({ integrationKey: event.integrationKey }));
        break;
    }
  }

  // The picker's lf-select arrives inside the user's click or key press: the popup opens right here.
  // The flow's own events wait for a microtask, so the page hears lf-select before the lf-link-start it caused.
  private readonly onSelect = (event: LfSelectEvent): void => {
    this.#moveFocus = true;
    const connectionId = this.connectionId ?? event.detail.connection?.id;
    const reauthorize = this.connectionId !== undefined || event.detail.connection?.status === 'deauthorized';
    const held: LinkFlowEvent[] = [];
    this.#held = held;
    try {
      void this.#flow?.select(event.detail.integration, reauthorize && connectionId ? { connectionId } : {});
    } finally {
      queueMicrotask(() => {
        if (this.#held === held) this.#held = undefined;
        for (const next of held) this.#dispatch(next);
      });
    }
  };

  private readonly onRetry = (): void => {
    this.#moveFocus = true;
    void this.#flow?.retry();
  };

  private readonly onReconnect = (event: LfReconnectEvent): void => {
    this.#moveFocus = true;
    const integration = this.snapshot.integration;
    if (integration) void this.#flow?.select(integration, { connectionId: event.detail.connection.id });
  };

  private readonly onCancel = (): void => {
    this.#moveFocus = true;
    this.#flow?.cancel();
  };

  private readonly onRestart = (): void => {
    this.#moveFocus = true;
    this.#flow?.reset();
    void this.#flow?.load();
  };

  #t(key: MessageKey, vars?: Record<string, string | number>): string {
    return this.locale.t(key, vars);
  }

  override render(): TemplateResult {
    const { step } = this.snapshot;
    return html`<div part="base" class="base" lang=${this.locale.lang} dir=${this.locale.dir}>
      ${step === 'idle' || step === 'loading' || step === 'choosing' ? this.renderChoosing() : nothing}
      ${WAITING.has(step) ? this.renderWaiting() : nothing} ${step === 'linked' ? this.renderLinked() : nothing}
      ${step === 'failed' ? this.renderFailed() : nothing} ${step === 'cancelled' ? this.renderCancelled() : nothing}
    </div>`;
  }

  private renderHeading(text: string): TemplateResult {
    return html`<h2 part="heading" class="heading" tabindex="-1">${text}</h2>`;
  }

  private renderChoosing(): TemplateResult {
    return html`<slot name="heading">${this.renderHeading(this.#t('flow.choose'))}</slot>
      <lf-connection-picker
        part="picker"
        .adapter=${this.adapter}
        .integrations=${this.snapshot.integrations}
        .strings=${this.strings}
        theme=${this.theme ?? nothing}
        @lf-select=${this.onSelect}
      ></lf-connection-picker>`;
  }

  private renderWaiting(): TemplateResult {
    const { step, integration, connection } = this.snapshot;
    const name = integration?.name ?? '';
    const mode = this.linkMode ?? this.#mode();
    const title =
      step === 'starting'
        ? this.#t('flow.starting', { name })
        : step === 'authorizing'
          ? this.#t(mode === 'popup' ? 'flow.authorizingPopup' : 'flow.authorizingRedirect', { name })
          : this.#t('flow.verifying', { name });
    return html`<section part="step" class="step" aria-busy="true">
      ${this.renderHeading(title)}
      <div class="progress" role="status">
        <span part="spinner" class="spinner" aria-hidden="true"></span>
        <span>${this.#t(step === 'verifying' ? 'flow.verifyingHint' : 'flow.waitingHint', { name })}</span>
      </div>
      ${step === 'verifying' ? this.renderStatus(connection) : nothing}
      <div part="actions" class="actions">
        <button part="cancel" class="button" type="button" @click=${this.onCancel}>${this.#t('common.cancel')}</button>
      </div>
    </section>`;
  }

  /** The connection's status under a waiting or linked step, when the connection is known. */
  private renderStatus(connection: Connection | undefined): TemplateResult | typeof nothing {
    return connection
      ? html`<lf-status-indicator
          part="status"
          .connection=${connection}
          .strings=${this.strings}
        ></lf-status-indicator>`
      : nothing;
  }

  private renderLinked(): TemplateResult {
    const { integration, connection } = this.snapshot;
    const name = connection?.integrationName ?? integration?.name ?? '';
    return html`<section part="step" class="step step--linked">
      ${this.renderHeading(this.#t('flow.linked', { name }))} ${this.renderStatus(connection)}
      <slot name="linked"></slot>
      <div part="actions" class="actions">
        <button part="restart" class="button" type="button" @click=${this.onRestart}>${this.#t('flow.another')}</button>
      </div>
    </section>`;
  }

  private renderFailed(): TemplateResult {
    const { error, connection } = this.snapshot;
    return html`<section part="step" class="step">
      <h2 part="heading" class="visually-hidden" tabindex="-1">${this.#t('flow.failed')}</h2>
      <lf-error-panel
        part="error"
        .error=${error}
        .connection=${connection}
        .strings=${this.strings}
        theme=${this.theme ?? nothing}
        @lf-retry=${this.onRetry}
        @lf-reconnect=${this.onReconnect}
        @lf-dismiss=${this.onRestart}
      ></lf-error-panel>
      <div part="actions" class="actions">
        <button part="restart" class="button" type="button" @click=${this.onRestart}>
          ${this.#t('flow.chooseAnother')}
        </button>
      </div>
    </section>`;
  }

  private renderCancelled(): TemplateResult {
    const { integration, error } = this.snapshot;
    const name = integration?.name ?? '';
    const message = error?.code === 'cancelled' && error.message ? error.message : undefined;
    return html`<section part="step" class="step">
      ${this.renderHeading(name ? this.#t('flow.cancelled', { name }) : this.#t('flow.cancelledNoName'))}
      ${message ? html`<p class="message">${message}</p>` : nothing}
      <div part="actions" class="actions">
        <button part="retry" class="button button--primary" type="button" @click=${this.onRetry}>
          ${this.#t('common.retry')}
        </button>
        <button part="restart" class="button" type="button" @click=${this.onRestart}>
          ${this.#t('flow.chooseAnother')}
        </button>
      </div>
    </section>`;
  }
}
