import { css, unsafeCSS } from 'lit';

/**
 * The global design tokens. A host sets any `--lf-*` token (on the element or any ancestor) to
 * restyle every element; unset tokens fall back to the light or dark default below.
 * Elements read the resolved value through the private `--_lf-*` twin of each token.
 */
export const LIGHT_TOKENS = {
  'font-family': 'inherit',
  'font-size': '0.875rem',
  'font-size-small': '0.8125rem',
  'font-size-large': '1rem',
  'line-height': '1.45',
  'font-weight-strong': '600',
  'color-text': '#1f2937',
  'color-text-muted': '#4b5563',
  'color-surface': '#ffffff',
  'color-surface-sunken': '#f3f4f6',
  'color-border': '#9ca3af',
  'color-accent': '#1d4ed8',
  'color-accent-hover': '#1e40af',
  'color-on-accent': '#ffffff',
  'color-success': '#15803d',
  'color-warning': '#a14e05',
  'color-danger': '#b91c1c',
  'color-danger-surface': '#fef2f2',
  'color-neutral': '#4b5563',
  'color-focus': '#1d4ed8',
  'focus-ring-width': '2px',
  'focus-ring-offset': '2px',
  radius: '0.5rem',
  'radius-small': '0.25rem',
  'radius-pill': '999px',
  'space-1': '0.25rem',
  'space-2': '0.5rem',
  'space-3': '0.75rem',
  'space-4': '1rem',
  'space-5': '1.5rem',
  'transition-duration': '150ms',
} as const;

/** The tokens as they are in the dark scheme; the others keep their light value. */
export const DARK_TOKENS: Partial<Record<ThemeToken, string>> = {
  'color-text': '#f3f4f6',
  'color-text-muted': '#b6bcc6',
  'color-surface': '#111827',
  'color-surface-sunken': '#1f2937',
  'color-border': '#6b7280',
  'color-accent': '#93c5fd',
  'color-accent-hover': '#bfdbfe',
  'color-on-accent': '#0b1220',
  'color-success': '#4ade80',
  'color-warning': '#fbbf24',
  'color-danger': '#fca5a5',
  'color-danger-surface': '#2a1215',
  'color-neutral': '#b6bcc6',
  'color-focus': '#93c5fd',
};

/** The name of a global token, without its `--lf-` prefix. */
export type ThemeToken = keyof typeof LIGHT_TOKENS;

function declarations(tokens: Partial<Record<ThemeToken, string>>): string {
  return Object.entries(tokens)
    .map(([name, fallback]) => `--_lf-${name}: var(--lf-${name}, ${fallback});`)
    .join('\n');
}

const light = unsafeCSS(declarations(LIGHT_TOKENS));
const dark = unsafeCSS(declarations(DARK_TOKENS));

/**
 * Resolves every token on `:host`, light by default, dark when the user prefers it, and forced by a
 * `theme="light"` or `theme="dark"` attribute on the element. Include it in every element's styles.
 */
export const themeStyles = css`
  :host {
    ${light}
    color-scheme: light;
    font-family: var(--_lf-font-family);
    font-size: var(--_lf-font-size);
    line-height: var(--_lf-line-height);
    color: var(--_lf-color-text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
      color-scheme: dark;
    }
  }
  :host([theme='dark']) {
    ${dark}
    color-scheme: dark;
  }
`;

/**
 * A visible focus ring for anything focusable, to include after `themeStyles`. It replaces the
 * browser's own `:focus-visible` ring; every browser that runs the ES2022 bundle knows `:focus-visible`,
 * and none draws a ring on plain `:focus`, so nothing needs removing there.
 */
export const focusStyles = css`
  :focus-visible {
    outline: var(--_lf-focus-ring-width) solid var(--_lf-color-focus);
    outline-offset: var(--_lf-focus-ring-offset);
  }
`;

/**
 * Text only screen readers read. For elements no other rule of the element styles (inside a shadow root
 * nothing from the page reaches them) and with no padding or border of their own: a `div`, `span` or
 * heading.
 */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    margin: -1px;
  }
`;

/** A plain button in the linkflow look; `.button--primary` for the main action. */
export const buttonStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_lf-space-2);
    min-block-size: 2.25rem;
    padding-block: var(--_lf-space-1);
    padding-inline: var(--_lf-space-3);
    border: 1px solid var(--_lf-color-border);
    border-radius: var(--_lf-radius-small);
    background: var(--_lf-color-surface);
    color: var(--_lf-color-text);
    font: inherit;
    font-weight: var(--_lf-font-weight-strong);
    cursor: pointer;
    transition: background-color var(--_lf-transition-duration);
  }
  .button:hover {
    background: var(--_lf-color-surface-sunken);
  }
  .button--primary {
    border-color: var(--_lf-color-accent);
    background: var(--_lf-color-accent);
    color: var(--_lf-color-on-accent);
  }
  .button--primary:hover {
    border-color: var(--_lf-color-accent-hover);
    background: var(--_lf-color-accent-hover);
  }
  @media (prefers-reduced-motion: reduce) {
    .button {
      transition: none;
    }
  }
`;
