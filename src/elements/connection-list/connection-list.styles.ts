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

  .base {
    background: var(--lf-list-background, var(--_lf-color-surface));
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  .heading {
    margin: 0;
    font-size: var(--_lf-font-size-large);
    font-weight: var(--_lf-font-weight-strong);
  }

  .list {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_lf-space-3);
    padding: var(--_padding);
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }

  .item[aria-busy='true'] {
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

  .label {
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    font-weight: var(--_lf-font-weight-strong);
  }

  .status {
    font-size: var(--_lf-font-size-small);
  }

  .issues {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_lf-space-1) var(--_lf-space-2);
    font-size: var(--_lf-font-size-small);
  }

  .issues p {
    margin: 0;
  }

  .issue-count {
    color: var(--_lf-color-danger);
    font-weight: var(--_lf-font-weight-strong);
  }

  .issue {
    color: var(--_lf-color-text-muted);
    overflow-wrap: anywhere;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_lf-space-2);
    margin-inline-start: auto;
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .button--danger {
    border-color: var(--_lf-color-danger);
    background: var(--_lf-color-danger);
    color: var(--_lf-color-surface);
  }

  .button--danger:hover {
    background: var(--_lf-color-danger);
    filter: brightness(0.92);
  }

  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_lf-space-2);
    flex: 1 1 100%;
    padding: var(--_lf-space-2) var(--_lf-space-3);
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-danger-surface);
  }

  .confirm p {
    margin: 0;
    flex: 1 1 12rem;
  }

  .error {
    margin: 0;
    padding: var(--_lf-space-2) var(--_lf-space-3);
    border: 1px solid var(--_lf-color-danger);
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-danger-surface);
    color: var(--_lf-color-text);
  }

  .failure {
    flex: 1 1 100%;
  }

  div.error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_lf-space-2);
    padding: var(--_lf-space-4);
  }

  div.error p {
    margin: 0;
  }

  div.error p:first-child {
    color: var(--_lf-color-danger);
    font-weight: var(--_lf-font-weight-strong);
  }

  .empty {
    margin: 0;
    padding: var(--_lf-space-4);
    border: 1px dashed var(--_lf-color-border);
    border-radius: var(--_radius);
    color: var(--_lf-color-text-muted);
    text-align: center;
  }

  .loading {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  .skeleton {
    display: flex;
    align-items: center;
    gap: var(--_lf-space-3);
    padding: var(--_padding);
    border: var(--_border);
    border-radius: var(--_radius);
  }

  .skeleton span {
    flex: 0 1 50%;
    block-size: 1rem;
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-surface-sunken);
  }
`;
