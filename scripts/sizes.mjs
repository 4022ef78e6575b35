// Byte sizes of the library as users ship it: each entry of the built package (dist/, `npm run build`)
// bundled with code splitting, as Vite or Rollup ship it, minified, then gzip and brotli. An entry's figure
// is its first load: the entry chunk and every chunk it imports statically. The catalogues loaded on demand
// (`import()`: the locales other than English) are rows of their own. Used by `npm run bench` (reported)
// and by the byte budgets in `npm test` (asserted), both after a build.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Budgets in bytes, min+gzip: the whole library ≤ 25 KB, the picker alone ≤ 15 KB (both with lit and @lit/context). */
export const BUDGETS = { library: 25 * 1024, picker: 15 * 1024 };

/**
 * What `npm test` holds a budget that is not met yet to instead, so that the size cannot grow while it is
 * over (README, Performance): the whole library is about 29 KB against its 25 KB.
 */
export const CEILINGS = { library: 30 * 1024 };

/** What is measured, in the build: `external` lists what the entry leaves to the host's bundler. */
export const TARGETS = [
  { name: 'linkflow', entry: 'dist/index.js', external: ['lit', 'lit/*', '@lit/*', 'zod', 'zod/*'] },
  { name: 'linkflow/define.js', entry: 'dist/define.js', external: ['lit', 'lit/*', '@lit/*', 'zod', 'zod/*'] },
  {
    name: 'linkflow/react',
    entry: 'dist/react/index.js',
    external: ['lit', 'lit/*', '@lit/*', 'zod', 'zod/*', 'react', 'react/*'],
  },
  {
    name: 'picker alone (with lit and @lit/context)',
    key: 'picker',
    entry: 'dist/elements/connection-picker/lf-connection-picker.js',
    external: [],
  },
  {
    name: 'whole library (define.js with lit and @lit/context)',
    key: 'library',
    entry: 'dist/define.js',
    external: [],
  },
  { name: 'everything (linkflow with lit, @lit/context and zod)', entry: 'dist/index.js', external: [] },
];

/** gzip (level 9) and brotli (quality 11) sizes of `code`. */
function compressed(code) {
  return {
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The package or folder a bundled input belongs to: npm packages by name, our files by folder. */
function partOf(file) {
  const path = file.split('/');
  const at = path.lastIndexOf('node_modules');
  if (at >= 0) return path[at + 1].startsWith('@') ? `${path[at + 1]}/${path[at + 2]}` : path[at + 1];
  // The build keeps src/'s files and folders (dist/flow/link-flow.js is src/flow/link-flow.ts): named as src/.
  path[0] = 'src';
  if (path[1] === 'elements') return path.slice(0, path[3] === 'locales' ? 4 : 3).join('/');
  return path.slice(0, 2).join('/');
}

/**
 * The bundle of `entry` with code splitting on, as a host's bundler makes it: what the first load
 * fetches (the entry chunk and the chunks it imports statically), the chunks loaded on demand
 * (`import()`: the locales other than English), and where the first load's minified bytes come from.
 */
async function splitBundle(entry, external = []) {
  if (!existsSync(join(ROOT, entry)))
    throw new Error(`${entry} is missing: the sizes are those of the build (npm run build)`);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    outdir: join(tmpdir(), 'linkflow-sizes'),
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['browser', 'production'],
    charset: 'utf8',
    external,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const code = new Map(result.outputFiles.map((file) => [relative(ROOT, file.path), file.contents]));
  const main = Object.keys(outputs).find((name) => outputs[name].entryPoint === entry);
  const initial = new Set([main]);
  for (const name of initial) {
    for (const imported of outputs[name].imports) {
      if (imported.kind === 'import-statement' && !imported.external) initial.add(imported.path);
    }
  }
  const sum = (names) =>
    names.reduce(
      (acc, name) => {
        const { gzip, brotli } = compressed(code.get(name));
        return { min: acc.min + code.get(name).length, gzip: acc.gzip + gzip, brotli: acc.brotli + brotli };
      },
      { min: 0, gzip: 0, brotli: 0 },
    );
  const parts = new Map();
  for (const name of initial) {
    for (const [file, { bytesInOutput }] of Object.entries(outputs[name].inputs)) {
      parts.set(partOf(file), (parts.get(partOf(file)) ?? 0) + bytesInOutput);
    }
  }
  const firstLoad = sum([...initial]);
  const onDemand = Object.keys(outputs)
    .filter((name) => name.endsWith('.js') && !initial.has(name))
    .map((name) => ({ input: Object.keys(outputs[name].inputs).join(', '), ...sum([name]) }));
  return {
    firstLoad,
    onDemand,
    parts: [...parts]
      .map(([part, min]) => ({ part, min, share: Number(((100 * min) / firstLoad.min).toFixed(1)) }))
      .sort((a, b) => b.min - a.min),
  };
}

/**
 * Measures every target's first load, then each catalogue loaded on demand (as the whole library splits
 * them off): `{ name, key?, min, gzip, brotli }` in bytes, and on a budgeted row (`key`) its `split`.
 */
export async function measureSizes() {
  const rows = [];
  let catalogues = [];
  for (const target of TARGETS) {
    const split = await splitBundle(target.entry, target.external);
    const { firstLoad, onDemand } = split;
    // A budgeted row keeps its whole split (what its first load is made of) for the bench.
    rows.push({ name: target.name, key: target.key, ...firstLoad, ...(target.key ? { split } : {}) });
    if (target.key === 'library') catalogues = onDemand;
  }
  for (const { input, min, gzip, brotli } of catalogues) {
    const files = input.split(', ').map((file) => file.replace(/^.*\//, '').replace(/\.js$/, ''));
    rows.push({ name: `on demand: ${files.join(' + ')} catalogue`, min, gzip, brotli });
  }
  return rows;
}
