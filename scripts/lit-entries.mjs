// Every Lit, @lit/* and zod entry point that src/ and stories/ import, read from the sources, so Vite
// optimizes them all up front (one found mid-run makes Vite re-bundle and reload the tests, and a
// second copy of Lit may load). Storybook's renderer also imports `lit/directive-helpers.js`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** @returns {string[]} */
export function litEntries(root = '.') {
  const found = new Set(['lit', 'lit/directive-helpers.js']);
  const pattern = /\bfrom\s+'((?:lit|@lit\/[a-z-]+|zod)(?:\/[^']*)?)'/g;
  for (const file of [...files(join(root, 'src')), ...files(join(root, 'stories'))]) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) found.add(match[1]);
  }
  return [...found].sort();
}
