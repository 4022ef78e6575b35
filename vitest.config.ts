import { defineConfig } from 'vitest/config';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
// @ts-expect-error -- a plain .mjs helper shared with the test runner
import { CHROME_ARGS, findBrowsers } from './scripts/browsers.mjs';
// @ts-expect-error -- a plain .mjs helper shared with .storybook/main.ts
import { litEntries } from './scripts/lit-entries.mjs';
import { literalsPlugin } from './scripts/literals.mjs';

const { chrome } = findBrowsers() as { chrome: string };

// Every story is a test in Chromium: it must render, and axe must find no violation.
export default defineConfig({
  // The stories render the templates as the build minifies them (scripts/literals.mjs).
  plugins: [literalsPlugin(), storybookTest({ configDir: '.storybook' })],
  // Every dependency the stories reach, optimized up front: one found mid-run makes Vite re-bundle, and the
  // tests that already imported the old bundle fail with "Failed to fetch dynamically imported module".
  optimizeDeps: {
    include: [
      ...(litEntries() as string[]),
      'storybook/test',
      '@storybook/addon-a11y/preview',
      '@storybook/web-components-vite',
    ],
  },
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: chrome, args: CHROME_ARGS } }),
      instances: [{ browser: 'chromium' }],
    },
    setupFiles: ['.storybook/vitest.setup.ts'],
  },
});
