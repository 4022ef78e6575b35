// Lettered logos drawn in code, so a catalogue has pictures with no network at all.

/** Up to two capital letters standing for `name` ("Google Drive" → "GD", "Xero" → "X"). */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[1]] : [words[0] ?? '?'];
  return letters
    .map((word) => Array.from(word ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** `color` when it is a plain `#rgb` / `#rrggbb` hex colour, else a neutral grey. */
function safeColor(color: string | undefined): string {
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/iu.test(color) ? color : '#5f6368';
}

/**
 * A `data:image/svg+xml` URI of a rounded square in `color` with the name's initials in white. Note
 * that linkflow's elements show only `https:` (or loopback `http:`) logo URLs, so the shipped
 * catalogue leaves `logoUrl` out and gives `color`; this is for pages that draw logos themselves.
 */
export function letterLogo(name: string, color?: string): string {
  const text = initials(name).replace(/[&<>"']/gu, (c) => XML_ESCAPES[c] ?? c);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="14" fill="${safeColor(color)}"/>` +
    `<text x="32" y="32" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" ` +
    `font-size="${text.length > 1 ? 26 : 32}" font-weight="600" fill="#fff">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
