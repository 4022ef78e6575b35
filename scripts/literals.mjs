// Minifies the markup inside the elements' template literals at build time, as JavaScript minifiers leave
// template text as written: the CSS of css`...` (css-literals.mjs) and the HTML of html`...` and svg`...`
// (@literals/html-css-minifier: whitespace runs collapsed to one space, comments dropped, bindings kept).
// Used by the library build (vite.config.ts), the byte sizes (scripts/sizes.mjs) and the browser tests
// (web-test-runner.config.mjs), so the tests run the templates that ship.
import { defaultMinifyOptions, minifyHTMLLiterals } from '@literals/html-css-minifier';
import { minifyCssLiterals } from './css-literals.mjs';

/**
 * html-minifier-next's options for Lit templates. A run of whitespace becomes one space, never none: a
 * template is a fragment, and the space at its edge may stand between two words once it is rendered.
 * Empty attributes (an image's `alt=""`) carry meaning and stay; so do the closing slashes of svg`...`
 * fragments, which the SVG parser needs (`<circle .../><path .../>`).
 */
const HTML_OPTIONS = {
  ...defaultMinifyOptions,
  removeEmptyAttributes: false,
  keepClosingSlash: true,
  conservativeCollapse: true,
};

/** `code` (TypeScript or JavaScript source named `fileName`) with its CSS and HTML templates minified. */
export async function minifyLiterals(code, fileName) {
  const css = minifyCssLiterals(code);
  if (!/\b(?:html|svg)`/.test(css)) return css;
  const result = await minifyHTMLLiterals(css, {
    fileName,
    minifyOptions: HTML_OPTIONS,
    shouldMinifyCSS: () => false,
    generateSourceMap: false,
  });
  return result ? result.code : css;
}

/** A Vite plugin applying `minifyLiterals` to the library's sources (`src/**.ts`). */
export function literalsPlugin() {
  return {
    name: 'linkflow-literals',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(?:css|html|svg)`/.test(code)) return null;
      return { code: await minifyLiterals(code, id), map: null };
    },
  };
}
