// The build's minification of html`...` and svg`...` templates (scripts/literals.mjs): markup shrinks,
// and nothing a Lit template means is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyLiterals } from '../../scripts/literals.mjs';

test('collapses each run of whitespace to one space, and drops comments', async () => {
  const code =
    'const t = html`\n  <div\n    part="base"\n    class="base"\n  >\n    <!-- a note -->\n    <p>${a}</p>\n  </div>\n`;';
  assert.equal(
    await minifyLiterals(code, 'a.ts'),
    'const t = html` <div part="base" class="base"> <p>${a}</p> </div> `;',
  );
});

test('keeps every kind of Lit binding, nested templates and the spaces between inline content', async () => {
  const code =
    'html`<input .value=${v} ?disabled=${d} @input=${this.onInput} aria-label=${l} />\n' +
    '  <span>${a}</span> <span>${b}</span>\n  ${items.map((i) => html`\n    <li>${i}</li>\n  `)}`';
  assert.equal(
    await minifyLiterals(code, 'b.ts'),
    'html`<input .value=${v} ?disabled=${d} @input=${this.onInput} aria-label=${l} /> <span>${a}</span> <span>${b}</span> ${items.map((i) => html` <li>${i}</li> `)}`',
  );
});

test('keeps the space at the edge of a fragment, empty attributes and the closing slashes SVG needs', async () => {
  const tail = 'html`<code>${path}</code> `';
  assert.equal(await minifyLiterals(tail, 'g.ts'), tail);
  const img = 'html`<img src=${url} alt="" />`';
  assert.equal(await minifyLiterals(img, 'c.ts'), 'html`<img src=${url} alt=""/>`');
  const paths = 'svg`<circle cx="12" cy="12" r="9"/>\n  <path d="M1 2"/>`';
  assert.equal(await minifyLiterals(paths, 'd.ts'), 'svg`<circle cx="12" cy="12" r="9"/> <path d="M1 2"/>`');
});

test('minifies css`...` as before, and leaves other template literals and code as written', async () => {
  assert.equal(
    await minifyLiterals('css`\n  :host {\n    display: block;\n  }\n`', 'e.ts'),
    'css`:host{display:block}`',
  );
  const other = 'const s = `\n  <p>  a  </p>\n`;\nconst n = 1;';
  assert.equal(await minifyLiterals(other, 'f.ts'), other);
});
