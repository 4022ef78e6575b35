// Byte sizes of the library as users ship it: each entry minified, then gzip and brotli.
// Used by `npm run bench` (reported) and by the byte-budget test in `npm test` (asserted).
import { build } from 'esbuild';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Budgets in bytes, min+gzip (issue: whole library ≤ 25 KB, picker alone ≤ 15 KB). */
export const BUDGETS = { library: 25 * 1024, picker: 15 * 1024 };

/** What is measured: `external` lists what the entry leaves to the host's bundler. */
export const TARGETS = [
  { name: 'linkflow', entry: 'src/index.ts', external: ['lit', 'lit/*', '@lit/*', 'zod', 'zod/*'] },
  { name: 'linkflow/define.js', entry: 'src/define.ts', external: ['lit', 'lit/*', '@lit/*', 'zod', 'zod/*'] },
  {
    name: 'linkflow/react',
    entry: 'src/react/index.ts',
    external: ['lit', 'lit/*', '@lit/*', 'zod', 'zod/*', 'react', 'react/*'],
  },
  {
    name: 'picker alone (with lit, @lit/*, zod)',
    key: 'picker',
    entry: 'src/elements/connection-picker/lf-connection-picker.ts',
    external: [],
  },
  { name: 'whole library (define.js with lit, @lit/*, zod)', key: 'library', entry: 'src/define.ts', external: [] },
];

async function minified(entry, external) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['browser', 'production'],
    tsconfig: 'tsconfig.json',
    external,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents;
}

/** Measures every target: `{ name, key?, min, gzip, brotli }` in bytes. */
export async function measureSizes() {
  const rows = [];
  for (const target of TARGETS) {
    const code = await minified(target.entry, target.external);
    rows.push({
      name: target.name,
      key: target.key,
      min: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return rows;
}
