// Minifies the CSS inside Lit's css`...` tagged templates at build time: JavaScript minifiers leave template
// text as written, so indentation, newlines and comments would otherwise ship. Used by the library build
// (vite.config.ts) and by the byte sizes (scripts/sizes.mjs), so both measure the same code.

const TEMPLATE = /\bcss`((?:[^`\\]|\\[\s\S])*)`/g;
/** The interpolations this minifier understands: a plain name or property path (`${light}`). */
const SIMPLE_HOLE = /\$\{\s*[\w$.]+\s*\}/g;
const STRING = /("(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*')/;

/** Minifies one run of CSS text outside strings: whitespace runs become one space, or none where no meaning is lost. */
function squeeze(text) {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};]) ?/g, '$1')
    .replace(/([,:]) /g, '$1')
    .replace(/;}/g, '}');
}

/** Minifies one static part of a template (between interpolations); quoted strings are kept as written. */
function minifyPart(part) {
  return part
    .split(STRING)
    .map((piece, i) => (i % 2 === 1 ? piece : squeeze(piece)))
    .join('');
}

/**
 * Minifies the CSS of every css`...` template in `code`: comments go, and whitespace where CSS gives it no
 * meaning (around `{`, `}`, `;`, after `,` and `:`); a descendant combinator or the spaces in `calc()` stay
 * one space, strings stay as written. A template whose interpolations are more than a plain name, or that
 * holds a comment marker inside a string, is left alone.
 */
export function minifyCssLiterals(code) {
  return code.replace(TEMPLATE, (whole, body) => {
    const holes = body.match(SIMPLE_HOLE) ?? [];
    const parts = body.split(SIMPLE_HOLE);
    if (parts.some((part) => part.includes('${'))) return whole;
    if (parts.some((part) => part.split(STRING).some((piece, i) => i % 2 === 1 && piece.includes('/*')))) return whole;
    const minified = parts.map((part) => minifyPart(part.replace(/\/\*[\s\S]*?\*\//g, ' ')));
    const first = minified[0].replace(/^ /, '');
    const last = minified.length - 1;
    if (last === 0) return `css\`${first.replace(/ $/, '')}\``;
    minified[0] = first;
    minified[last] = minified[last].replace(/ $/, '');
    return `css\`${minified.map((part, i) => (i === 0 ? part : holes[i - 1] + part)).join('')}\``;
  });
}
