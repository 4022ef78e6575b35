import { css, html, type TemplateResult } from 'lit';
import { styleProps } from './style-props.js';

/**
 * Whether `hostname` (as the URL parser writes it, so an IPv4 address is four numbers up to 255) is
 * this machine: `localhost`, `*.localhost`, 127.0.0.0/8 or `[::1]`.
 */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|\[::1]|127(\.\d+){3})$|\.localhost$/i.test(hostname);
}

/**
 * The logo URL when it may be shown: absolute `https:`, or `http:` on a loopback host, with no user
 * name or password. Anything else (`javascript:`, `data:`, plain `http:`, relative, malformed) → undefined.
 */
export function safeLogoUrl(url: string | undefined | null): string | undefined {
  try {
    // `new URL` throws on anything but an absolute URL (`undefined` and `null` included).
    const { protocol, hostname, username, password, href } = new URL(url!);
    if (!username && !password && (protocol === 'https:' || (protocol === 'http:' && isLoopbackHost(hostname)))) {
      return href;
    }
  } catch {
    // Not a URL: no logo.
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
  return color && /^#([0-9a-f]{3}){1,2}$/i.test(color) ? color : undefined;
}

/** Black or white, whichever reads better on the hex `background` (WCAG relative luminance). */
export function inkFor(background: string): '#000000' | '#ffffff' {
  // `#abc` → `#aabbcc`
  const hex = background.length < 5 ? background.replace(/\w/g, '$&$&') : background;
  const luminance = [0.2126, 0.7152, 0.0722].reduce((sum, weight, i) => {
    const c = parseInt(hex.slice(2 * i + 1, 2 * i + 3), 16) / 255;
    return sum + weight * (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);
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
 * placeholder `<span part="logo placeholder">` whose background is `var(--_lf-logo-color)` when the
 * source has a safe `color`, with letters in `var(--_lf-logo-ink)`, black or white, whichever reads
 * better on it. Decorative (empty `alt`, `aria-hidden`) because the name is always written beside it.
 * Both carry the class `logo` (the placeholder is `span.logo`).
 */
export function renderLogo(source: LogoSource): TemplateResult {
  const url = safeLogoUrl(source.logoUrl);
  const background = safeColor(source.color);
  return url
    ? html`<img part="logo" class="logo" src=${url} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span
        part="logo placeholder"
        class="logo"
        aria-hidden="true"
        ${styleProps({ '--_lf-logo-color': background, '--_lf-logo-ink': background && inkFor(background) })}
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

  span.logo {
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
