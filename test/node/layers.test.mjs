// The layer rule of DESIGN.md, enforced by the lint config: proven here to fail on a violating file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function ruleIds(code, filePath) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId);
}

const LIT = "import { html } from 'lit';\nexport const t = html``;\n";
const CONTEXT = "import { createContext } from '@lit/context';\nexport const c = createContext('x');\n";
const WINDOW = 'export const w = window.location.href;\n';
const DOCUMENT = 'export const d = globalThis.document;\n';

for (const layer of ['model', 'wire', 'adapter', 'flow']) {
  test(`src/${layer}/ may not import Lit`, async () => {
    assert.ok((await ruleIds(LIT, `src/${layer}/bad.ts`)).includes('no-restricted-imports'));
    assert.ok((await ruleIds(CONTEXT, `src/${layer}/bad.ts`)).includes('no-restricted-imports'));
  });
}

for (const layer of ['model', 'wire', 'adapter']) {
  test(`src/${layer}/ may not touch window or document`, async () => {
    assert.ok((await ruleIds(WINDOW, `src/${layer}/bad.ts`)).includes('no-restricted-globals'));
    assert.ok((await ruleIds(DOCUMENT, `src/${layer}/bad.ts`)).includes('no-restricted-properties'));
  });
}

test('src/flow/ may touch window, and elements may import Lit', async () => {
  assert.deepEqual(await ruleIds(WINDOW, 'src/flow/ok.ts'), []);
  assert.ok(!(await ruleIds(LIT, 'src/elements/ok/ok.ts')).includes('no-restricted-imports'));
});
