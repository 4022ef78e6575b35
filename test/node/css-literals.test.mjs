// The build's minification of css`...` templates: whitespace and comments go, meaning stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCssLiterals } from '../../scripts/css-literals.mjs';

test('drops comments, indentation and whitespace around braces, semicolons, commas and colons', () => {
  const code = 'const s = css`\n  /* the host */\n  :host {\n    color: var(--a, red);\n    display: block;\n  }\n`;';
  assert.equal(minifyCssLiterals(code), 'const s = css`:host{color:var(--a,red);display:block}`;');
});

test('keeps the spaces that carry meaning: descendant combinators, calc() operators, value lists', () => {
  const code = 'css`\n  :host([layout=grid])   .item   .logo {\n    margin: calc(1px   +  2px) auto;\n  }\n`';
  assert.equal(minifyCssLiterals(code), 'css`:host([layout=grid]) .item .logo{margin:calc(1px + 2px) auto}`');
});

test('leaves quoted strings as written', () => {
  const code = 'css`\n  .a::before {\n    content: \'a  ,  b : {x}\';\n  }\n  [x="1  2"] { color: red; }\n`';
  assert.equal(minifyCssLiterals(code), 'css`.a::before{content:\'a  ,  b : {x}\'}[x="1  2"]{color:red}`');
});

test('minifies around plain interpolations and keeps them', () => {
  const code = 'css`\n  :host {\n    ${light}\n  }\n  .a ${b} {\n    color: red;\n  }\n`';
  assert.equal(minifyCssLiterals(code), 'css`:host{${light}}.a ${b}{color:red}`');
});

test('leaves alone a template it cannot read safely, and code that is no css template', () => {
  const nested = 'css`\n  ${rules.map((r) => `${r} { }`)}\n`';
  assert.equal(minifyCssLiterals(nested), nested);
  const commentInString = "css`\n  .a { content: '/* no */'; }\n`";
  assert.equal(minifyCssLiterals(commentInString), commentInString);
  const other = 'html`\n  <p>  a  </p>\n` + mycss`\n  a { }\n`';
  assert.equal(minifyCssLiterals(other), other);
});
