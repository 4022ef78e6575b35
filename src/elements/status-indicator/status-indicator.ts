import { html, nothing, type PropertyValues } from 'lit';
import type { ConnectionAdapter } from '../../adapter/adapter.js';
import { storeFor } from '../../adapter/store.js';
import type { Connection, ConnectionHealth, ConnectionStatus } from '../../model/index.js';
import { CONNECTION_HEALTHS, CONNECTION_STATUSES } from '../../model/constants.js';
import { LfElement } from '../base/base-element.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { formatRelativeTime } from '../shared/relative-time.js';
import { indicatorStrings, statusStrings } from '../shared/locales/en/status.js';
import { StoreController } from '../controllers/store-controller.js';
import type { StringOverrides } from '../shared/i18n.js';
import { icon, type IconName } from '../shared/icons.js';
import { statusTone, toneStyles, type Tone } from '../shared/status-tone.js';
import { themeStyles, visuallyHiddenStyles } from '../shared/theme.styles.js';
import { statusIndicatorStyles } from './status-indicator.styles.js';

/** How often the relative "synced … ago" text is refreshed. */
const TICK_MS = 30_000;

/** Each state the indicator shows without a connection's status: its words, icon and tone. */
const OWN_STATES = {
  loading: ['statusIndicator.loading', 'spinner', 'accent'],
  'not-found': ['statusIndicator.notFound', 'question', 'neutral'],
  error: ['statusIndicator.error', 'error', 'danger'],
  none: ['statusIndicator.none', 'unlinked', 'neutral'],
} as const;

/** The icon of each status but `linked` (which shows its health). */
const STATUS_ICONS = { pending: 'clock', unlinked: 'unlinked', deauthorized: 'revoked' } as const;

/** What the indicator shows, whatever its source: one of its own states, or a status (of a connection or bare). */
interface View {
  readonly kind: keyof typeof OWN_STATES | 'status';
  readonly status?: ConnectionStatus;
  readonly health?: ConnectionHealth | undefined;
  readonly paused?: boolean;
  /** The connection shown, when there is one (a bare status has none: no sync line). */
  readonly connection?: Connection;
}

/**
 * Whether `value` is one of `known`: checked against the model's zod-free constants, so the element
 * does not pull the schemas (and zod) in.
 */
const isOneOf = <T>(known: readonly T[], value: unknown): value is T => (known as readonly unknown[]).includes(value);

/**
 * A connection's status and health as an icon, a label and a detail line with the last sync as a
 * relative time ("Synced 5 minutes ago"). It shows `.connection` when set; else the connection named
 * by `connection-id`, kept live through the store (of its own `.adapter` or the enclosing
 * `lf-provider`); else a bare `status` (with optional `health` and `paused`). Changes are announced
 * politely to screen readers through a `role="status"` live region; the first state is not.
 *
 * @summary Shows whether a connection is live, paused, broken or gone, and announces changes politely.
 *
 * @csspart base - The pill holding icon, label and detail.
 * @csspart icon - The status icon (an inline SVG).
 * @csspart label - The status in words.
 * @csspart detail - Health and last sync.
 *
 * @cssproperty [--lf-status-gap=var(--lf-space-2)] - Space between icon, label and detail.
 * @cssproperty [--lf-status-padding-block=var(--lf-space-1)] - Block padding of the pill.
 * @cssproperty [--lf-status-padding-inline=var(--lf-space-3)] - Inline padding of the pill.
 * @cssproperty [--lf-status-background=var(--lf-color-surface-sunken)] - Background of the pill.
 * @cssproperty [--lf-status-radius=var(--lf-radius-pill)] - Corner radius of the pill.
 * @cssproperty [--lf-status-icon-size=1.125em] - Size of the icon.
 * @cssproperty [--lf-status-detail-color=var(--lf-color-text-muted)] - Colour of the detail text.
 * @cssproperty [--lf-status-color-success=var(--lf-color-success)] - Icon colour when linked and healthy.
 * @cssproperty [--lf-status-color-warning=var(--lf-color-warning)] - Icon colour when syncs fail.
 * @cssproperty [--lf-status-color-danger=var(--lf-color-danger)] - Icon colour when access was revoked or on error.
 * @cssproperty [--lf-status-color-pending=var(--lf-color-accent)] - Icon colour while waiting or loading.
 * @cssproperty [--lf-status-color-neutral=var(--lf-color-neutral)] - Icon colour when paused, unlinked or unknown.
 */
export class LfStatusIndicator extends LfElement {
  static override styles = [...LfElement.styles, themeStyles, visuallyHiddenStyles, toneStyles, statusIndicatorStyles];

  static override properties = {
    connection: { attribute: false },
    connectionId: { attribute: 'connection-id' },
    status: {},
    health: {},
    paused: { type: Boolean, reflect: true },
    adapter: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
    announcement: { state: true },
  };

  /** The connection to show; wins over `connection-id` and `status`. */
  connection?: Connection;

  /** The id of a connection to load and keep live through the store. */
  connectionId?: string;

  /** A bare status to show when there is no connection: `pending`, `linked`, `unlinked` or `deauthorized`. */
  status?: ConnectionStatus;

  /** The health to show with a bare `status`: `healthy`, `unhealthy` or `unknown`. */
  health?: ConnectionHealth;

  /** Whether a bare `status` is paused. */
  paused = false;

  /** An adapter of the element's own, used instead of the enclosing `lf-provider`'s. */
  adapter?: ConnectionAdapter;

  /** Per-key string overrides (see the message catalogue), winning over the provider's. */
  strings?: StringOverrides;

  /** Forces the `light` or `dark` scheme; unset follows the user's preference. */
  theme?: 'light' | 'dark';

  /** What the live region says now; empty until the shown state changes. */
  private announcement = '';

  readonly #locale = new LocaleController(this, { ...statusStrings, ...indicatorStrings });
  readonly #live = new StoreController<Connection>(this, storeFor, {
    subscribe: (store, listener) => {
      const id = this.#watchedId;
      return id ? store.subscribeConnection(id, listener) : undefined;
    },
    deps: () => [this.#watchedId],
  });
  #baseline: string | undefined;
  #identity: string | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** The id watched in the store: only when there is no `.connection`. */
  get #watchedId(): string | undefined {
    return this.connection ? undefined : this.connectionId || undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => {
      if (this.#view().connection?.lastSyncAt) this.requestUpdate();
    }, TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  #view(): View {
    // There is no snapshot while `.connection` is set: nothing is watched then.
    const snapshot = this.#live.snapshot;
    const connection = this.connection ?? snapshot?.value;
    if (connection) return { kind: 'status', ...connection, connection };
    if (this.#watchedId) {
      const code = this.#live.store ? snapshot?.error?.code : 'error';
      return { kind: !code ? 'loading' : code === 'not-found' ? 'not-found' : 'error' };
    }
    return isOneOf(CONNECTION_STATUSES, this.status)
      ? {
          kind: 'status',
          status: this.status,
          health: isOneOf(CONNECTION_HEALTHS, this.health) ? this.health : undefined,
          paused: this.paused,
        }
      : { kind: 'none' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const view = this.#view();
    const identity = this.connection?.id ?? this.#watchedId ?? '';
    if (identity !== this.#identity) {
      this.#identity = identity;
      this.#baseline = undefined;
      this.announcement = '';
    }
    if (view.kind === 'loading') return;
    const key = view.kind === 'status' ? `${view.status}|${view.health}|${view.paused}` : view.kind;
    if (this.#baseline !== undefined && key !== this.#baseline) {
      const { label, detail } = this.#words(view, false);
      this.announcement = detail ? `${label}, ${detail}` : label;
    }
    this.#baseline = key;
  }

  /** Label and detail of `view`; the detail leaves the sync time out when `withSync` is false. */
  #words(view: View, withSync = true): { label: string; detail: string } {
    const { kind, status, health, paused, connection } = view;
    if (kind !== 'status') return { label: this.#locale.t(OWN_STATES[kind][0]), detail: '' };
    const statusLabel = this.#locale.t(`status.${status!}`);
    const parts: string[] = paused ? [statusLabel] : [];
    if (status === 'linked' && health) parts.push(this.#locale.t(`health.${health}`));
    if (withSync && connection) {
      const time = connection.lastSyncAt ? formatRelativeTime(connection.lastSyncAt, this.#locale.formatLocale) : '';
      if (time) parts.push(this.#locale.t('sync.last', { time }));
      else if (status === 'linked') parts.push(this.#locale.t('sync.never'));
    }
    return { label: paused ? this.#locale.t('status.paused') : statusLabel, detail: parts.join(' · ') };
  }

  #appearance({ kind, status, health, paused }: View): { icon: IconName; tone: Tone } {
    if (kind !== 'status') return { icon: OWN_STATES[kind][1], tone: OWN_STATES[kind][2] };
    return {
      icon: paused
        ? 'pause'
        : status !== 'linked'
          ? STATUS_ICONS[status!]
          : health === 'unhealthy'
            ? 'warning'
            : health === 'healthy'
              ? 'check'
              : 'link',
      tone: statusTone(status!, health, paused!),
    };
  }

  protected override render() {
    const view = this.#view();
    const { label, detail } = this.#words(view);
    const look = this.#appearance(view);
    const stateName = view.kind === 'status' ? (view.paused ? 'paused' : view.status) : view.kind;
    return html`<div
        part="base"
        class="base"
        data-tone=${look.tone}
        data-state=${stateName}
        lang=${this.#locale.lang}
        dir=${this.#locale.dir}
        aria-busy=${view.kind === 'loading'}
      >
        <span part="icon" class="icon">${icon(look.icon)}</span>
        <span part="label" class="label">${label}</span>
        ${detail ? html`<span part="detail" class="detail">${detail}</span>` : nothing}
      </div>
      <span class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" lang=${this.#locale.lang}
        >${this.announcement}</span
      >`;
  }
}
