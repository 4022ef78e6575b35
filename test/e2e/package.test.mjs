// The packed tarball as a user gets it: it holds only dist/, custom-elements.json, README.md and
// LICENSE (and package.json); installed in a fresh project, every export path imports in a DOM-less
// Node and resolves its types for a strict TypeScript consumer.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES_DIR, installExample, packedTarball, run, runIn } from './pack.mjs';

// The consumer project: linkflow from the tarball, React for linkflow/react and Vue for the types of
// linkflow/vue (both optional peers).
const PACKAGE_JSON = {
  name: 'linkflow-consumer',
  private: true,
  type: 'module',
  dependencies: { linkflow: 'file:(the tarball)', react: '^19.2.0' },
  devDependencies: { '@types/react': '^19.2.0', typescript: '~5.9.3', vue: '^3.5.0' },
};

// Imports every export path in plain Node and prints what a user would look at.
const CHECK = `
const out = { document: typeof document, window: typeof window, HTMLElement: typeof HTMLElement };
const lib = await import('linkflow');
const adapter = lib.createMemoryAdapter();
const error = new lib.LinkError('timeout', 'slow');
out.index = {
  LinkError: typeof lib.LinkError,
  retryable: error.retryable,
  isLinkError: lib.LinkError.is(error),
  integrations: (await adapter.listIntegrations()).length,
  LfLinkFlow: typeof lib.LfLinkFlow,
  registeredByIndex: globalThis.customElements?.get?.('lf-link-flow') !== undefined,
};
const picker = await import('linkflow/lf-connection-picker.js');
out.picker = {
  exports: Object.keys(picker),
  registered: globalThis.customElements?.get?.('lf-connection-picker') === picker.LfConnectionPicker,
  othersRegistered: ['lf-link-flow', 'lf-status-indicator', 'lf-provider'].filter((tag) => globalThis.customElements?.get?.(tag)),
};
const define = await import('linkflow/define.js');
out.define = Object.keys(define).sort();
out.registeredByDefine = globalThis.customElements?.get?.('lf-link-flow') === define.LfLinkFlow;
const react = await import('linkflow/react');
out.react = Object.fromEntries(Object.entries(react).map(([name, value]) => [name, value.displayName]));
const { default: manifest } = await import('linkflow/custom-elements.json', { with: { type: 'json' } });
out.manifest = manifest.modules.flatMap((m) => m.declarations ?? []).map((d) => d.tagName).filter(Boolean).sort();
const { default: pkg } = await import('linkflow/package.json', { with: { type: 'json' } });
out.pkg = { name: pkg.name, version: pkg.version };
try {
  await import('linkflow/vue');
  out.vue = 'imported';
} catch (error) {
  out.vue = error.code;
}
console.log(JSON.stringify(out));
`;

// Every export path's types, for a consumer with Node's own ESM resolution and nothing skipped.
const TYPES = `
import { LinkError, createMemoryAdapter, type Integration } from 'linkflow';
import { LfLinkFlow } from 'linkflow/define.js';
import { LfConnectionPicker } from 'linkflow/lf-connection-picker.js';
import { LinkFlow, type LinkflowJsxProps } from 'linkflow/react';
import type { LinkflowVueProps } from 'linkflow/vue';
import manifest from 'linkflow/custom-elements.json' with { type: 'json' };
import pkg from 'linkflow/package.json' with { type: 'json' };

export const error: LinkError = new LinkError('network', 'Offline.');
export const adapter = createMemoryAdapter();
export const integrations: Promise<Integration[]> = adapter.listIntegrations();
export const element: typeof LfLinkFlow = LfLinkFlow;
export const picker: HTMLElementTagNameMap['lf-connection-picker'] = new LfConnectionPicker();
export const wrapper = LinkFlow;
export const jsx: LinkflowJsxProps<'lf-link-flow'> = { mode: 'popup', 'return-url': '/back' };
export const vue: LinkflowVueProps<'lf-link-flow'> = { mode: 'redirect', onLfLinked: (event) => event.detail.connection };
export const version: string = pkg.version;
export const schema: string = manifest.schemaVersion;
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['ES2022', 'DOM'],
    strict: true,
    resolveJsonModule: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ['types.mts'],
};

describe('the packed package', () => {
  let packed;
  let dir;

  before(() => {
    packed = packedTarball();
    const source = join(EXAMPLES_DIR, 'consumer-source');
    rmSync(source, { recursive: true, force: true });
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'package.json'), JSON.stringify(PACKAGE_JSON, null, 2));
    writeFileSync(join(source, 'check.mjs'), CHECK);
    writeFileSync(join(source, 'types.mts'), TYPES);
    writeFileSync(join(source, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    dir = installExample('consumer', packed.tarball, source);
  });

  test('the tarball holds only dist/, custom-elements.json, README.md, LICENSE and package.json', () => {
    const allowed = new Set(['custom-elements.json', 'README.md', 'LICENSE', 'package.json']);
    const stray = packed.files.filter((path) => !path.startsWith('dist/') && !allowed.has(path));
    assert.deepEqual(stray, []);
    for (const path of [...allowed, 'dist/index.js', 'dist/define.js', 'dist/react/index.js']) {
      assert.ok(packed.files.includes(path), `${path} is packed`);
    }
    for (const path of ['dist/types/index.d.ts', 'dist/types/react/index.d.ts', 'dist/types/vue/index.d.ts']) {
      assert.ok(packed.files.includes(path), `${path} is packed`);
    }
  });

  test('installed, every export path imports in Node with no DOM', () => {
    const out = JSON.parse(run('node', ['check.mjs'], { cwd: dir }));
    assert.deepEqual([out.document, out.window, out.HTMLElement], ['undefined', 'undefined', 'undefined'], 'no DOM');
    assert.deepEqual(out.index, {
      LinkError: 'function',
      retryable: true,
      isLinkError: true,
      integrations: out.index.integrations,
      LfLinkFlow: 'function',
      registeredByIndex: false,
    });
    assert.ok(out.index.integrations > 0, 'the memory adapter answers its catalogue');
    assert.deepEqual(out.define, [
      'LfConnectionList',
      'LfConnectionPicker',
      'LfErrorPanel',
      'LfLinkFlow',
      'LfProvider',
      'LfStatusIndicator',
    ]);
    // One element's own entry registers that tag alone; define.js then registers the rest beside it.
    assert.deepEqual(out.picker, { exports: ['LfConnectionPicker'], registered: true, othersRegistered: [] });
    // 'linkflow' registers nothing; define.js registers every tag (in the registry Lit's Node build supplies).
    assert.equal(out.registeredByDefine, true);
    assert.deepEqual(out.react, {
      ConnectionList: 'ConnectionList',
      ConnectionPicker: 'ConnectionPicker',
      ErrorPanel: 'ErrorPanel',
      LinkFlow: 'LinkFlow',
      LinkflowProvider: 'LinkflowProvider',
      StatusIndicator: 'StatusIndicator',
    });
    assert.deepEqual(out.manifest, [
      'lf-connection-list',
      'lf-connection-picker',
      'lf-error-panel',
      'lf-link-flow',
      'lf-provider',
      'lf-status-indicator',
    ]);
    assert.deepEqual(out.pkg, { name: 'linkflow', version: packed.version });
    // linkflow/vue is types only: Node finds no JavaScript behind it.
    assert.equal(out.vue, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  test('installed, every export path has types a strict nodenext consumer compiles against', () => {
    runIn(dir, 'tsc', ['-p', 'tsconfig.json']);
  });
});
