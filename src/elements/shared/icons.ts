import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** The names of linkflow's inline icons. */
export type IconName =
  'check' | 'warning' | 'pause' | 'clock' | 'unlinked' | 'revoked' | 'link' | 'question' | 'error' | 'spinner';

const paths: Record<IconName, SVGTemplateResult> = {
  check: svg`<circle cx="12" cy="12" r="9"/><path d="m8 12.5 2.5 2.5L16 9.5"/>`,
  warning: svg`<path d="M12 3.5 2.5 20h19z"/><path d="M12 10v4.5M12 17.5v.01"/>`,
  pause: svg`<circle cx="12" cy="12" r="9"/><path d="M10 9v6M14 9v6"/>`,
  clock: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`,
  unlinked: svg`<path d="M9 17H7a5 5 0 0 1 0-10h2M15 7h2a5 5 0 0 1 0 10h-2M4 4l16 16"/>`,
  revoked: svg`<circle cx="12" cy="12" r="9"/><path d="m9 9 6 6M15 9l-6 6"/>`,
  link: svg`<path d="M9 17H7a5 5 0 0 1 0-10h2M15 7h2a5 5 0 0 1 0 10h-2M8 12h8"/>`,
  question: svg`<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.01"/>`,
  error: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5v.01"/>`,
  spinner: svg`<path d="M12 3a9 9 0 1 1-9 9"/>`,
};

/**
 * An inline, decorative SVG icon (hidden from assistive technology: the text beside it says the same).
 * The paths are lit `svg` fragments inside one `<svg>`, drawn with `currentColor` strokes, 1em square unless the element's CSS sizes it.
 */
export function icon(name: IconName): TemplateResult {
  return html`<svg
    class="icon-svg icon-svg--${name}"
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${paths[name]}
  </svg>`;
}
