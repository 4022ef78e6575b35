// Writes custom-elements.json from the elements' JSDoc; `--check` fails when the committed one is stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(join(tmpdir(), 'lf-cem-')) : '.';
execFileSync(
  'node_modules/.bin/cem',
  // The analyzer joins --outdir to the working directory, so an absolute path must be made relative.
  ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(process.cwd(), outdir) || '.'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (check) {
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  rmSync(outdir, { recursive: true, force: true });
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (JSON.stringify(JSON.parse(fresh)) !== JSON.stringify(JSON.parse(committed))) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit it.');
    process.exit(1);
  }
}
