import { html, nothing } from 'lit';
import { LfDismissEvent } from '../../events/dismiss.js';
import { LfReconnectEvent } from '../../events/reconnect.js';
import { LfRetryEvent } from '../../events/retry.js';
import type { Connection, LinkError } from '../../model/index.js';
import { LfElement } from '../base/base-element.js';
import { LocaleController } from '../controllers/locale-controller.js';
import { formatRelativeTime } from '../shared/relative-time.js';
import { commonStrings } from '../shared/locales/en/common.js';
import { errorStrings } from '../shared/locales/en/errors.js';
import type { MessageVars, StringOverrides } from '../shared/i18n.js';
import { icon } from '../shared/icons.js';
import { buttonStyles, focusStyles, themeStyles } from '../shared/theme.styles.js';
import { errorPanelStyles } from './error-panel.styles.js';

/** The panel's own messages, by their key after `errorPanel.`. */
type PanelKey = keyof typeof errorStrings extends infer K
  ? K extends `errorPanel.${infer Rest}`
    ? Rest
    : never
  : never;

/** The buttons of the action row; each is named after its part, its handler and its `common.*` string. */
type Action = 'reconnect' | 'retry' | 'dismiss';

/**
 * A `LinkError` (`.error`) or a connection's active issues (`.connection`), announced as an alert: a
 * title and a helpful message for the error code, the technical details behind a disclosure, the
 * correlation id to copy for support, and real buttons to retry (when the error is retryable),
 * reconnect (for `unauthorized`/`expired` errors or a deauthorized connection, when the connection
 * is known) and dismiss. With both set, the error is shown and the connection is the one to reconnect.
 * With `autofocus`, focus moves to the title each time a new error appears. Shows nothing when there
 * is no error and the connection has no active issue.
 *
 * @summary Explains what went wrong with a link or a connection, and offers retry, reconnect and dismiss.
 *
 * @event {LfRetryEvent} lf-retry - The user asked to try again; `detail.error` is the error shown.
 * @event {LfReconnectEvent} lf-reconnect - The user asked to re-authorize; `detail.connection` is the connection.
 * @event {LfDismissEvent} lf-dismiss - The user dismissed the panel (cancelable: `preventDefault()` keeps it shown).
 *
 * @csspart base - The panel.
 * @csspart icon - The alert icon (an inline SVG).
 * @csspart title - The title; focused on appearance when `autofocus` is set.
 * @csspart message - The helpful message.
 * @csspart issues - The list of a connection's active issues.
 * @csspart issue - One issue.
 * @csspart details - The technical details disclosure (`<details>`).
 * @csspart details-list - The list of detail entries (field path and message).
 * @csspart correlation - The correlation id line.
 * @csspart correlation-id - The correlation id itself, selectable text.
 * @csspart copy - The copy button of the correlation id.
 * @csspart actions - The row of action buttons.
 * @csspart retry - The retry button.
 * @csspart reconnect - The reconnect button.
 * @csspart dismiss - The dismiss button.
 *
 * @cssproperty [--lf-error-panel-background=var(--lf-color-danger-surface)] - Background of the panel.
 * @cssproperty [--lf-error-panel-border-color=var(--lf-color-danger)] - Border colour of the panel.
 * @cssproperty [--lf-error-panel-stripe-width=4px] - Width of the border on the inline-start side.
 * @cssproperty [--lf-error-panel-padding=var(--lf-space-4)] - Padding of the panel.
 * @cssproperty [--lf-error-panel-radius=var(--lf-radius)] - Corner radius of the panel.
 * @cssproperty [--lf-error-panel-gap=var(--lf-space-3)] - Space between the icon and the text.
 * @cssproperty [--lf-error-panel-icon-color=var(--lf-color-danger)] - Colour of the icon.
 */
export class LfErrorPanel extends LfElement {
  static override styles = [...LfElement.styles, themeStyles, focusStyles, buttonStyles, errorPanelStyles];

  static override properties = {
    error: { attribute: false },
    connection: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
    copied: { state: true },
  };

  /** The error to explain; wins over the connection's issues. */
  error?: LinkError;

  /** A connection whose active issues (or revoked access) to show, and the one reconnect re-authorizes. */
  connection?: Connection;

  /** Per-key string overrides (see the message catalogue), winning over the provider's. */
  strings?: StringOverrides;

  /** Forces the `light` or `dark` scheme; unset follows the user's preference. */
  theme?: 'light' | 'dark';

  /** Whether the correlation id was just copied. */
  private copied = false;

  private readonly locale = new LocaleController(this, { ...commonStrings, ...errorStrings });
  /** What is shown, to tell a new error from a re-render of the same one. */
  #shown: unknown;
  /** Whether the user dismissed what is shown, so only a new subject shows the panel again. */
  #dismissed = false;

  get #activeIssues() {
    return this.connection?.issues.filter((issue) => issue.active) ?? [];
  }

  /** What the panel is about now, or undefined when it has nothing to show. */
  get #subject(): LinkError | Connection | undefined {
    const connection = this.connection;
    return this.error ?? (connection?.status === 'deauthorized' || this.#activeIssues.length ? connection : undefined);
  }

  protected override willUpdate(): void {
    if (this.#subject !== this.#shown) {
      this.copied = false;
      if (this.#dismissed) this.hidden = this.#dismissed = false;
    }
  }

  protected override updated(): void {
    const subject = this.#subject;
    if (subject === this.#shown) return;
    this.#shown = subject;
    if (subject && this.autofocus && !this.hidden) this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
  }

  private retry(): void {
    const error = this.error;
    this.dispatchEvent(new LfRetryEvent(error ? { error } : {}));
  }

  private reconnect(): void {
    const connection = this.connection;
    if (connection) this.dispatchEvent(new LfReconnectEvent({ connection }));
  }

  private dismiss(): void {
    const { error, connection } = this;
    if (
      this.dispatchEvent(
        new LfDismissEvent({ ...(error && { error }), ...(connection && { connection }) }, { cancelable: true }),
      )
    ) {
      this.hidden = this.#dismissed = true;
    }
  }

  async #copyCorrelationId(): Promise<void> {
    const target = this.renderRoot.querySelector('.correlation-id')!;
    try {
      await navigator.clipboard.writeText(target.textContent!);
      this.copied = true;
    } catch {
      // No clipboard access (insecure page, denied permission): select the text for the user to copy.
      this.copied = false;
      document.getSelection()?.selectAllChildren(target);
    }
  }

  protected override render() {
    const { error, connection } = this;
    if (!this.#subject) return nothing;
    const t = this.locale.t.bind(this.locale);
    const p = (key: PanelKey, vars?: MessageVars) => t(`errorPanel.${key}`, vars);
    const issues = this.#activeIssues;
    const name = connection?.integrationName ?? '';
    const deauthorized = connection?.status === 'deauthorized';
    // Reconnect for a revoked connection, or for the error codes a new authorization can fix.
    const reconnect = !!connection && (deauthorized || error?.code === 'unauthorized' || error?.code === 'expired');
    /** A button of the action row; the first of reconnect and retry is the primary one. */
    const button = (action: Action, primary?: boolean) =>
      html`<button
        part=${action}
        class="button${primary ? ' button--primary' : ''}"
        type="button"
        @click=${this[action]}
      >
        ${t(`common.${action}`)}
      </button>`;
    return html`<div
      part="base"
      class="base"
      lang=${this.locale.lang}
      dir=${this.locale.dir}
      data-code=${error?.code ?? (deauthorized ? 'deauthorized' : 'issues')}
    >
      <span part="icon" class="icon">${icon('error')}</span>
      <div class="body">
        <div role="alert" aria-atomic="true">
          <p part="title" class="title" tabindex="-1">
            ${error ? t(`error.${error.code}.title`) : p('issuesTitle', { name })}
          </p>
          <p part="message">
            ${
              error
                ? t(`error.${error.code}.message`)
                : deauthorized
                  ? p('deauthorized', { name })
                  : p('issuesMessage', { count: issues.length })
            }
          </p>
        </div>
        ${
          error
            ? [
                error.message || error.status !== undefined || error.details.length
                  ? html`<details part="details">
                      <summary>${p('details')}</summary>
                      <div>
                        ${error.message ? html`<p dir="auto">${error.message}</p>` : nothing}
                        ${
                          error.status !== undefined
                            ? html`<p>${p('httpStatus', { status: String(error.status) })}</p>`
                            : nothing
                        }
                        ${
                          error.details.length
                            ? html`<ul part="details-list">
                                ${error.details.map(
                                  ({ path, message }) =>
                                    html`<li>
                                      ${path ? html`<code dir="ltr">${path}</code> ` : nothing}<span dir="auto"
                                        >${message}</span
                                      >
                                    </li>`,
                                )}
                              </ul>`
                            : nothing
                        }
                      </div>
                    </details>`
                  : nothing,
                error.correlationId
                  ? html`<p part="correlation" class="correlation">
                      <span>${p('correlationId')}</span>
                      <code part="correlation-id" class="correlation-id" dir="ltr">${error.correlationId}</code>
                      <button part="copy" class="button small" type="button" @click=${this.#copyCorrelationId}>
                        ${p('copy')}
                      </button>
                      <span class="copied" role="status">${this.copied ? p('copied') : ''}</span>
                    </p>`
                  : nothing,
              ]
            : issues.length
              ? html`<ul part="issues">
                  ${issues.map(({ message, code, occurredAt }) => {
                    const since = occurredAt ? formatRelativeTime(occurredAt, this.locale.formatLocale) : '';
                    return html`<li part="issue">
                      <span dir="auto">${message}</span>
                      ${
                        code || since
                          ? html`<div class="meta">
                              ${code ? html`<code dir="ltr">${code}</code>${since ? ' · ' : ''}` : nothing}${
                                since && p('issueWhen', { time: since })
                              }
                            </div>`
                          : nothing
                      }
                    </li>`;
                  })}
                </ul>`
              : nothing
        }
        <div part="actions" class="actions">
          ${reconnect ? button('reconnect', true) : nothing} ${error?.retryable ? button('retry', !reconnect) : nothing}
          ${button('dismiss')}
        </div>
      </div>
    </div>`;
  }
}
