import { css } from 'lit';

export const listStyles = css`
  :host {
    --_gap: var(--lf-list-gap, var(--_lf-space-3));
    --_padding: var(--lf-list-item-padding, var(--_lf-space-3));
    --_background: var(--lf-list-item-background, var(--_lf-color-surface));
    --_border: var(--lf-list-item-border, 1px solid var(--_lf-color-border));
    --_radius: var(--lf-list-radius, var(--_lf-radius));
    --_logo-size: var(--lf-list-logo-size, 2.5rem);
    display: block;
  }

  /* The element, the list and the loading rows: columns of rows. */
  .base,
  ul,
  .loading {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  .base {
    background: var(--lf-list-background, var(--_lf-color-surface));
  }

  #heading {
    font-size: var(--_lf-font-size-large);
  }

  #heading,
  .label,
  .issue-count,
  .error p:first-child {
    font-weight: var(--_lf-font-weight-strong);
  }

  p,
  ul {
    margin: 0;
  }

  ul {
    padding: 0;
    list-style: none;
  }

  /* A connection, and its stand-in while loading. */
  li,
  .skeleton {
    display: flex;
    align-items: center;
    gap: var(--_lf-space-3);
    padding: var(--_padding);
    border: var(--_border);
    border-radius: var(--_radius);
  }

  li {
    flex-wrap: wrap;
    background: var(--_background);
  }

  li[aria-busy='true'] {
    opacity: 0.7;
  }

  .main {
    display: flex;
    flex: 1 1 14rem;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_lf-space-1);
    min-inline-size: 0;
  }

  .label,
  .issue {
    overflow-wrap: anywhere;
  }

  .status,
  .issues {
    font-size: var(--_lf-font-size-small);
  }

  .issues,
  .actions,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_lf-space-2);
  }

  .issues {
    row-gap: var(--_lf-space-1);
  }

  .issue-count,
  .error p:first-child {
    color: var(--_lf-color-danger);
  }

  .issue,
  .empty {
    color: var(--_lf-color-text-muted);
  }

  .actions {
    margin-inline-start: auto;
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  /* The confirming button of the removal question. Two classes, to win over .button:hover. */
  .button.danger {
    border-color: var(--_lf-color-danger);
    background: var(--_lf-color-danger);
    color: var(--_lf-color-surface);
  }

  .danger:hover {
    filter: brightness(0.92);
  }

  /* The removal question, a failed action's message and the loading error: tinted boxes. */
  .confirm,
  .error {
    padding: var(--_lf-space-2) var(--_lf-space-3);
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-danger-surface);
  }

  .confirm,
  .failure {
    flex: 1 1 100%;
  }

  .confirm {
    align-items: center;
  }

  .confirm p {
    flex: 1 1 12rem;
  }

  .error {
    border: 1px solid var(--_lf-color-danger);
    color: var(--_lf-color-text);
  }

  div.error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_lf-space-2);
    padding: var(--_lf-space-4);
  }

  .empty {
    padding: var(--_lf-space-4);
    border: 1px dashed var(--_lf-color-border);
    border-radius: var(--_radius);
    text-align: center;
  }

  .skeleton span {
    flex: 0 1 50%;
    block-size: 1rem;
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-surface-sunken);
  }
`;
