// Bundles the CSP test page and its stand-in consent page with esbuild (production builds of Lit).
import { build } from 'esbuild';

/** Writes main.js and consent.js into `outdir`. */
export async function buildCspPages(outdir = '.tmp/csp') {
  await build({
    entryPoints: { main: 'test/csp/main.ts', consent: 'test/csp/consent.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    outdir,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outdir;
}
