import { css } from 'lit';

export const pickerStyles = css`
  :host {
    --_gap: var(--lf-picker-gap, var(--_lf-space-2));
    --_max-height: var(--lf-picker-max-height, 24rem);
    --_item-min-width: var(--lf-picker-item-min-width, 11rem);
    --_logo-size: var(--lf-picker-logo-size, 2rem);
    --_radius: var(--lf-picker-radius, var(--_lf-radius));
    --_selected: var(
      --lf-picker-selected-background,
      color-mix(in srgb, var(--_lf-color-accent) 16%, var(--_lf-color-surface))
    );
    display: block;
  }

  .base {
    background: var(--lf-picker-background, var(--_lf-color-surface));
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
  }

  .search,
  .filters {
    min-block-size: 2.5rem;
    padding-block: var(--_lf-space-2);
    padding-inline: var(--_lf-space-3);
    border: 1px solid var(--_lf-color-border);
    border-radius: var(--_radius);
    background: var(--_lf-color-surface);
    color: var(--_lf-color-text);
    font: inherit;
  }

  .search {
    flex: 1 1 12rem;
    min-inline-size: 0;
  }

  .search::placeholder {
    color: var(--_lf-color-text-muted);
    opacity: 1;
  }

  .filters {
    max-inline-size: 100%;
  }

  .list {
    position: relative;
    max-block-size: var(--_max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    border: 1px solid var(--_lf-color-border);
    border-radius: var(--_radius);
    background: var(--_lf-color-surface);
  }

  /* The list itself shows no ring: its active option does. */
  .list:focus-visible {
    outline: none;
  }

  .items {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    align-content: start;
  }

  :host([layout='grid']) .items {
    grid-template-columns: repeat(auto-fill, minmax(min(var(--_item-min-width), 100%), 1fr));
  }

  .item {
    display: flex;
    align-items: center;
    gap: var(--_lf-space-3);
    min-inline-size: 0;
    padding-block: var(--_lf-space-2);
    padding-inline: var(--_lf-space-3);
    cursor: pointer;
    user-select: none;
  }

  :host([layout='grid']) .item {
    flex-direction: column;
    justify-content: center;
    text-align: center;
    padding-block: var(--_lf-space-3);
  }

  .item:hover {
    background: var(--_lf-color-surface-sunken);
  }

  .item[aria-selected='true'] {
    background: var(--_selected);
    font-weight: var(--_lf-font-weight-strong);
  }

  .item[aria-disabled='true'] {
    cursor: not-allowed;
    color: var(--_lf-color-text-muted);
  }

  .item[aria-disabled='true'] .logo {
    filter: grayscale(1);
    opacity: 0.6;
  }

  .list:focus .item.active {
    outline: var(--_lf-focus-ring-width) solid var(--_lf-color-focus);
    outline-offset: calc(-1 * var(--_lf-focus-ring-width) - 1px);
  }

  .text {
    display: flex;
    align-items: center;
    flex: 1 1 auto;
    gap: var(--_lf-space-2);
    min-inline-size: 0;
  }

  :host([layout='grid']) .text {
    flex: none;
    flex-direction: column;
    max-inline-size: 100%;
  }

  .label {
    min-inline-size: 0;
    max-inline-size: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .badge {
    flex: none;
    padding-inline: var(--_lf-space-2);
    border: 1px solid currentColor;
    border-radius: var(--_lf-radius-pill);
    color: var(--_lf-color-text-muted);
    font-size: var(--_lf-font-size-small);
    font-weight: normal;
    line-height: 1.4;
  }

  .status {
    display: inline-flex;
    align-items: center;
    flex: none;
    gap: var(--_lf-space-1);
    max-inline-size: 50%;
    padding-inline: var(--_lf-space-2);
    border-radius: var(--_lf-radius-pill);
    background: var(--_lf-color-surface-sunken);
    font-size: var(--_lf-font-size-small);
    font-weight: normal;
    white-space: nowrap;
  }

  .status::before {
    content: '';
    flex: none;
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: var(--_tone);
  }

  .empty {
    margin: 0;
    padding: var(--_lf-space-4);
    color: var(--_lf-color-text-muted);
    text-align: center;
  }

  .error {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_lf-space-2);
    padding: var(--_lf-space-4);
    border: 1px solid var(--_lf-color-danger);
    border-radius: var(--_radius);
    background: var(--_lf-color-danger-surface);
  }

  .error p {
    margin: 0;
  }

  .error p:first-child {
    color: var(--_lf-color-danger);
    font-weight: var(--_lf-font-weight-strong);
  }

  .skeleton {
    display: flex;
    align-items: center;
    gap: var(--_lf-space-3);
    padding-block: var(--_lf-space-2);
    padding-inline: var(--_lf-space-3);
  }

  .skeleton span {
    flex: 0 1 60%;
    block-size: 1rem;
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-surface-sunken);
  }
`;
