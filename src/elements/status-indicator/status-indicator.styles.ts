import { css } from 'lit';

export const statusIndicatorStyles = css`
  :host {
    --_gap: var(--lf-status-gap, var(--_lf-space-2));
    --_padding-block: var(--lf-status-padding-block, var(--_lf-space-1));
    --_padding-inline: var(--lf-status-padding-inline, var(--_lf-space-3));
    --_background: var(--lf-status-background, var(--_lf-color-surface-sunken));
    --_radius: var(--lf-status-radius, var(--_lf-radius-pill));
    --_icon-size: var(--lf-status-icon-size, 1.125em);
    --_detail-color: var(--lf-status-detail-color, var(--_lf-color-text-muted));
    display: inline-block;
    max-inline-size: 100%;
  }

  .base {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: var(--_gap);
    row-gap: var(--_lf-space-1);
    padding-block: var(--_padding-block);
    padding-inline: var(--_padding-inline);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_lf-color-text);
  }

  .icon {
    display: inline-flex;
    flex: none;
    font-size: var(--_icon-size);
    color: var(--_tone);
  }

  .label {
    font-weight: var(--_lf-font-weight-strong);
  }

  .detail {
    color: var(--_detail-color);
    font-size: var(--_lf-font-size-small);
  }

  .icon-svg--spinner {
    animation: lf-spin 1s linear infinite;
  }
  @keyframes lf-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .icon-svg--spinner {
      animation-duration: 3s;
    }
  }
`;
