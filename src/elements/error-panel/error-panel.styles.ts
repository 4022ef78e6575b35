import { css } from 'lit';

export const errorPanelStyles = css`
  :host {
    --_background: var(--lf-error-panel-background, var(--_lf-color-danger-surface));
    --_border-color: var(--lf-error-panel-border-color, var(--_lf-color-danger));
    --_stripe-width: var(--lf-error-panel-stripe-width, 4px);
    --_padding: var(--lf-error-panel-padding, var(--_lf-space-4));
    --_radius: var(--lf-error-panel-radius, var(--_lf-radius));
    --_gap: var(--lf-error-panel-gap, var(--_lf-space-3));
    --_icon-color: var(--lf-error-panel-icon-color, var(--_lf-color-danger));
    display: block;
  }

  .base {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: var(--_gap);
    padding: var(--_padding);
    border: 1px solid var(--_border-color);
    border-inline-start-width: var(--_stripe-width);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_lf-color-text);
  }

  .icon {
    display: inline-flex;
    padding-block-start: 0.1em;
    font-size: 1.25em;
    color: var(--_icon-color);
  }

  /* The text column, the details, the correlation line and the actions: rows with the same gap. */
  .body,
  details div,
  .correlation,
  .actions {
    display: flex;
    gap: var(--_lf-space-2);
  }

  .body,
  details div {
    flex-direction: column;
  }

  .correlation,
  .actions {
    flex-wrap: wrap;
  }

  p,
  ul {
    margin: 0;
  }

  ul {
    padding-inline-start: var(--_lf-space-5);
  }

  .title {
    font-size: var(--_lf-font-size-large);
    font-weight: var(--_lf-font-weight-strong);
  }

  /* What may take the focus ring, and the correlation id's chip. */
  .title,
  summary,
  .correlation-id {
    border-radius: var(--_lf-radius-small);
  }

  /* An issue's code and time, under its message. */
  .meta,
  details div,
  .correlation {
    color: var(--_lf-color-text-muted);
  }

  .meta,
  .copied,
  .small {
    font-size: var(--_lf-font-size-small);
  }

  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.92em;
    overflow-wrap: anywhere;
  }

  summary {
    inline-size: fit-content;
    cursor: pointer;
  }

  details div {
    gap: var(--_lf-space-1);
    margin-block-start: var(--_lf-space-2);
    padding-inline-start: var(--_lf-space-3);
    border-inline-start: 2px solid var(--_lf-color-border);
  }

  .correlation {
    align-items: center;
  }

  .correlation-id {
    padding-inline: var(--_lf-space-1);
    background: var(--_lf-color-surface);
    color: var(--_lf-color-text);
    user-select: all;
  }

  /* The copy button, smaller than the actions. */
  .small {
    min-block-size: 1.75rem;
    padding-inline: var(--_lf-space-2);
  }

  .actions {
    margin-block-start: var(--_lf-space-2);
  }
`;
