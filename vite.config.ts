import { defineConfig, type Plugin } from 'vite';
import { literalsPlugin } from './scripts/literals.mjs';

/** Runtime dependencies stay external: the host's bundler dedupes them. */
const external = [
  /^lit($|\/)/,
  /^@lit\//,
  /^lit-html($|\/)/,
  /^lit-element($|\/)/,
  /^zod($|\/)/,
  /^react($|\/)/,
  /^react-dom($|\/)/,
];

/**
 * The markup of the elements' css`...`, html`...` and svg`...` templates minified in the build (see
 * scripts/literals.mjs): JS minifiers leave template text as written.
 */
const literals: Plugin = { ...literalsPlugin(), apply: 'build' };

export default defineConfig({
  plugins: [literals],
  // The demo (`npm start`): index.html at the root, served on the memory adapter.
  server: { port: 5173, strictPort: false },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        define: 'src/define.ts',
        'react/index': 'src/react/index.ts',
        // Each element on its own (package.json: linkflow/lf-*.js), for a page that needs only one.
        ...Object.fromEntries(
          ['connection-list', 'connection-picker', 'error-panel', 'link-flow', 'provider', 'status-indicator'].map(
            (name) => [`elements/${name}/lf-${name}`, `src/elements/${name}/lf-${name}.ts`],
          ),
        ),
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      // One file per source module: registrations stay in their own lf-*.js files (see sideEffects).
      output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    },
  },
});
