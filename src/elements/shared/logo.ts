import { css, html, type TemplateResult } from 'lit';
import { styleProps } from './style-props.js';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Whether `hostname` is this machine: `localhost`, `*.localhost`, 127.0.0.0/8 or `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The logo URL when it may be shown: absolute `https:`, or `http:` on a loopback host, with no user
 * name or password. Anything else (`javascript:`, `data:`, plain `http:`, relative, malformed) → undefined.
 */
export function safeLogoUrl(url: string | undefined | null): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password) return undefined;
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname))) {
    return parsed.href;
  }
  return undefined;
}

/** One or two letters for a placeholder logo: "QuickBooks Online" → "QO", "xero" → "X". */
export function logoLetters(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/u)
    .filter(Boolean);
  const letters = words
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('');
  return letters.toLocaleUpperCase() || '?';
}

/** A vendor's brand colour when it is a plain hex colour (`#abc`, `#aabbcc`), else undefined. */
export function safeColor(color: string | undefined | null): string | undefined {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : undefined;
}

/** Black or white, whichever reads better on the hex `background` (WCAG relative luminance). */
export function inkFor(background: string): '#000000' | '#ffffff' {
  let hex = background.slice(1);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05 / (L + 0.05); with black (L + 0.05) / 0.05: white wins below L ≈ 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** What `renderLogo` draws: an integration (or anything with a name and an optional logo). */
export interface LogoSource {
  readonly name: string;
  readonly logoUrl?: string | undefined;
  /** A brand colour for the placeholder's background; used only when it is a plain hex colour. */
  readonly color?: string | undefined;
}

/**
 * The logo of an integration as an `<img part="logo">` when its URL is safe, else a lettered
 * placeholder `<span part="logo placeholder">`
 * whose background is `var(--_lf-logo-color)` when the source has a safe `color`, with letters in
 * `var(--_lf-logo-ink)`, black or white, whichever reads better on it. Decorative (empty `alt`, `aria-hidden`) because the
 * name is always written beside it. Style both with `.logo` in the element's styles.
 */
function placeholderColors(color: string | undefined): Record<string, string | undefined> {
  const background = safeColor(color);
  return { '--_lf-logo-color': background, '--_lf-logo-ink': background ? inkFor(background) : undefined };
}

export function renderLogo(source: LogoSource): TemplateResult {
  const url = safeLogoUrl(source.logoUrl);
  return url
    ? html`<img part="logo" class="logo" src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span
        part="logo placeholder"
        class="logo logo--placeholder"
        aria-hidden="true"
        ${styleProps(placeholderColors(source.color))}
        >${logoLetters(source.name)}</span
      >`;
}

/**
 * Styles of `renderLogo`'s image or placeholder and of a loading skeleton row whose first span stands
 * in for the logo. The including element sets `--_logo-size`.
 */
export const logoStyles = css`
  .logo {
    flex: none;
    inline-size: var(--_logo-size);
    block-size: var(--_logo-size);
    border-radius: var(--_lf-radius-small);
    object-fit: contain;
  }

  .logo--placeholder {
    display: inline-grid;
    place-items: center;
    background: var(--_lf-logo-color, var(--_lf-color-neutral));
    color: var(--_lf-logo-ink, var(--_lf-color-surface));
    font-size: calc(var(--_logo-size) * 0.4);
    font-weight: var(--_lf-font-weight-strong);
    line-height: 1;
  }

  .skeleton span:first-child {
    flex: none;
    inline-size: var(--_logo-size);
    block-size: var(--_logo-size);
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton span {
      animation: lf-pulse 1.2s ease-in-out infinite alternate;
    }
  }

  @keyframes lf-pulse {
    to {
      opacity: 0.45;
    }
  }
`;
