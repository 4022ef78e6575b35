import { css } from 'lit';

export const linkFlowStyles = css`
  :host {
    display: block;
    --_gap: var(--lf-link-flow-gap, var(--_lf-space-4));
    --_padding: var(--lf-link-flow-padding, var(--_lf-space-4));
    --_spinner: var(--lf-link-flow-spinner-color, var(--_lf-color-accent));
  }
  .base,
  .step {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
  }
  /* Its own surface, so a forced theme reads on any page background. */
  .base {
    background: var(--lf-link-flow-background, var(--_lf-color-surface));
    color: var(--_lf-color-text);
  }
  .heading {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .step {
    padding: var(--_padding);
    border: 1px solid var(--_lf-color-border);
    border-radius: var(--_lf-radius);
    background: var(--_lf-color-surface);
  }
  .progress {
    display: flex;
    align-items: center;
    gap: var(--_lf-space-3);
    color: var(--_lf-color-text-muted);
  }
  .spinner {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    flex: none;
    border: 2px solid var(--_lf-color-border);
    border-block-start-color: var(--_spinner);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .message {
    margin: 0;
    color: var(--_lf-color-text-muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_lf-space-2);
  }
`;
