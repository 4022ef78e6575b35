import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import { storeFor, type ConnectionStore } from '../../adapter/store.js';
import { LfCancelEvent } from '../../events/cancel.js';
import { LfErrorEvent } from '../../events/error.js';
import { LfLinkStartEvent } from '../../events/link-start.js';
import { LfLinkedEvent } from '../../events/linked.js';
import { LfPopupBlockedEvent } from '../../events/popup-blocked.js';
import type { LfReconnectEvent } from '../../events/reconnect.js';
import type { LfSelectEvent } from '../../events/select.js';
import { LfStateChangeEvent } from '../../events/state-change.js';
import {
  BUSY,
  LinkFlow,
  type LinkFlowEvent,
  type LinkFlowOptions,
  type LinkFlowSnapshot,
} from '../../flow/link-flow.js';
import type { PollSettings } from '../../flow/poller.js';
import type { LinkFlowStep, WindowMode } from '../../model/index.js';
import { LfElement } from '../base/base-element.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { commonStrings } from '../shared/locales/en/common.js';
import { linkFlowStrings } from '../shared/locales/en/link-flow.js';
import type { MessageKey, StringOverrides } from '../shared/i18n.js';
import { buttonStyles, focusStyles, themeStyles, visuallyHiddenStyles } from '../shared/theme.styles.js';
import { linkFlowStyles } from './link-flow.styles.js';

/** Splits `allowed-origins="https://a.example https://b.example"`. */
const originList = (value: string | null): string[] => (value ? value.split(/\s+/).filter(Boolean) : []);

/** The steps the picker is shown for. */
const CHOOSING: readonly LinkFlowStep[] = ['idle', 'loading', 'choosing'];
/**
 * The steps of each view, in the template's order. Every view has a place of its own, so moving to
 * another view draws it anew (a new heading, status and error panel) while the waiting steps share one.
 */
const VIEWS: ReadonlyArray<readonly LinkFlowStep[]> = [CHOOSING, BUSY, ['linked'], ['failed'], ['cancelled']];

/** The event class of each of the flow's notifications. */
const EVENTS = {
  'state-change': LfStateChangeEvent,
  'link-start': LfLinkStartEvent,
  linked: LfLinkedEvent,
  error: LfErrorEvent,
  cancel: LfCancelEvent,
  'popup-blocked': LfPopupBlockedEvent,
};

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

  private readonly locale = new LocaleController(this, { ...commonStrings, ...linkFlowStrings });
  private readonly stores = new StoreController(this, storeFor);

  #flow: LinkFlow | undefined;
  #flowStore: ConnectionStore | undefined;
  /** Focus follows the step once the user has interacted or returned from the provider. */
  #moveFocus = false;
  /**
   * How the current link actually opened: `redirect` when a blocked popup fell back to it. Set by
   * lf-link-start, which always comes before the `authorizing` step that reads it.
   */
  #linkMode: WindowMode | undefined;
  /** Flow events held back while the picker's lf-select is still on its way to the page. */
  #held: LinkFlowEvent[] | undefined;

  /** The underlying state machine, for hosts that drive it (`select`, `cancel`, `retry`, `reset`). */
  get flow(): LinkFlow | undefined {
    return this.#flow;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move within the page (disconnect then connect in one task) keeps the flow running.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  protected override willUpdate(): void {
    const store = this.stores.store;
    const settings = this.locale.settings;
    const mode = this.mode ?? settings?.mode ?? 'redirect';
    const allowedOrigins = this.allowedOrigins ?? settings?.allowedOrigins ?? [];
    if (store !== this.#flowStore) {
      // A new store (or none): the older flow goes, and a new one takes any return the page loaded with.
      this.#stop();
      this.#flowStore = store;
      if (store && this.isConnected) {
        // Its mode and allowed origins are set below, before any link can start.
        const flow = (this.#flow = new LinkFlow({
          ...this.flowOptions,
          source: store,
          returnUrl: this.returnUrl || undefined,
          poll: this.poll,
          onEvent: (event) => this.#dispatch(event),
        }));
        flow.subscribe((snapshot) => {
          this.snapshot = snapshot;
          this.step = snapshot.step;
        });
        const resumed = flow.resume();
        if (resumed === 'returned') this.#moveFocus = true;
        if (resumed === 'none') void flow.load();
      }
    }
    if (this.#flow) {
      this.#flow.mode = mode;
      this.#flow.allowedOrigins = allowedOrigins;
    }
    // `step` is read-only: a value written from outside goes back to the flow's.
    this.step = this.snapshot.step;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#moveFocus && changed.has('step') && changed.get('step') !== this.step && this.step !== 'choosing') {
      this.renderRoot.querySelector<HTMLElement>('[part~="heading"]')?.focus();
    }
  }

  /** Disposes of the flow, which drops its subscribers with it. */
  #stop(): void {
    this.#flow?.dispose();
    this.#flow = this.#flowStore = undefined;
  }

  #dispatch(event: LinkFlowEvent): void {
    if (this.#held) {
      this.#held.push(event);
      return;
    }
    if (event.type === 'link-start') this.#linkMode = event.mode;
    // The detail is the event's other fields, in the flow's order (lf-link-start's connectionId last);
    // the flow leaves out an optional field it has no value for.
    const { type, ...detail } = event;
    this.dispatchEvent(new EVENTS[type](detail as never));
  }

  /** The flow, for an action of the user's: from now on focus follows the step. */
  #byUser(): LinkFlow | undefined {
    this.#moveFocus = true;
    return this.#flow;
  }

  // The picker's lf-select arrives inside the user's click or key press: the popup opens right here.
  // The flow's own events wait for a microtask, so the page hears lf-select before the lf-link-start it caused.
  #onSelect(event: LfSelectEvent): void {
    const { integration, connection } = event.detail;
    // Re-authorize the element's connection, or the one the user picked whose access was revoked.
    const connectionId = this.connectionId ?? (connection?.status === 'deauthorized' ? connection.id : undefined);
    const held: LinkFlowEvent[] = (this.#held = []);
    try {
      void this.#byUser()?.select(integration, connectionId ? { connectionId } : {});
    } finally {
      queueMicrotask(() => {
        if (this.#held === held) this.#held = undefined;
        for (const next of held) this.#dispatch(next);
      });
    }
  }

  #onRetry(): void {
    void this.#byUser()?.retry();
  }

  #onReconnect(event: LfReconnectEvent): void {
    const flow = this.#byUser();
    const integration = this.snapshot.integration;
    if (integration) void flow?.select(integration, { connectionId: event.detail.connection.id });
  }

  #onCancel(): void {
    this.#byUser()?.cancel();
  }

  #onRestart(): void {
    this.#byUser()?.reset();
    void this.#flow?.load();
  }

  override render(): TemplateResult {
    return html`<div part="base" class="base" lang=${this.locale.lang} dir=${this.locale.dir}>
      ${VIEWS.map((steps) => (steps.includes(this.snapshot.step) ? this.#view(steps) : nothing))}
    </div>`;
  }

  /** The view of the current step: the picker, or a step box with its heading, what it shows and its actions. */
  #view(steps: readonly LinkFlowStep[]): TemplateResult {
    const { strings, snapshot } = this;
    const { step, integration, connection, error } = snapshot;
    const theme = this.theme ?? nothing;
    const t = (key: MessageKey) => this.locale.t(key);
    if (steps === CHOOSING) {
      return html`<slot name="heading"><h2 part="heading" class="heading" tabindex="-1">${t('flow.choose')}</h2></slot>
        <lf-connection-picker
          part="picker"
          .adapter=${this.adapter}
          .integrations=${snapshot.integrations}
          .strings=${strings}
          theme=${theme}
          @lf-select=${this.#onSelect}
        ></lf-connection-picker>`;
    }
    const waiting = steps === BUSY;
    const name = (step === 'linked' ? connection?.integrationName : undefined) ?? integration?.name ?? '';
    const named = (key: MessageKey) => this.locale.t(key, { name });
    const popup = (this.#linkMode ?? this.#flow?.mode) === 'popup';
    const title =
      step === 'failed'
        ? t('flow.failed')
        : step === 'cancelled' && !name
          ? t('flow.cancelledNoName')
          : step === 'authorizing'
            ? named(popup ? 'flow.authorizingPopup' : 'flow.authorizingRedirect')
            : // flow.starting, flow.verifying, flow.linked or flow.cancelled
              named(`flow.${step}` as MessageKey);
    const hint = named(step === 'verifying' ? 'flow.verifyingHint' : 'flow.waitingHint');
    const message = step === 'cancelled' && error?.code === 'cancelled' && error.message;
    const status = (step === 'verifying' || step === 'linked') && connection;
    // The step's own action: cancel while waiting, else start again.
    const [action, onAction, label] = waiting
      ? (['cancel', this.#onCancel, t('common.cancel')] as const)
      : (['restart', this.#onRestart, t(step === 'linked' ? 'flow.another' : 'flow.chooseAnother')] as const);
    return html`<section part="step" class="step" aria-busy=${waiting ? 'true' : nothing}>
      <h2 part="heading" class=${step === 'failed' ? 'visually-hidden' : 'heading'} tabindex="-1">${title}</h2>
      ${
        waiting
          ? html`<div class="progress" role="status">
              <span part="spinner" class="spinner" aria-hidden="true"></span><span>${hint}</span>
            </div>`
          : nothing
      }
      ${
        step === 'failed'
          ? html`<lf-error-panel
              part="error"
              .error=${error}
              .connection=${connection}
              .strings=${strings}
              theme=${theme}
              @lf-retry=${this.#onRetry}
              @lf-reconnect=${this.#onReconnect}
              @lf-dismiss=${this.#onRestart}
            ></lf-error-panel>`
          : nothing
      }
      ${message ? html`<p class="message">${message}</p>` : nothing}
      ${status ? html`<lf-status-indicator part="status" .connection=${status} .strings=${strings}></lf-status-indicator>` : nothing}
      ${step === 'linked' ? html`<slot name="linked"></slot>` : nothing}
      <div part="actions" class="actions">
        ${
          step === 'cancelled'
            ? html`<button part="retry" class="button button--primary" type="button" @click=${this.#onRetry}>
                ${t('common.retry')}
              </button>`
            : nothing
        }
        <button part=${action} class="button" type="button" @click=${onAction}>${label}</button>
      </div>
    </section>`;
  }
}
