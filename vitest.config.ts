import { defineConfig } from 'vitest/config';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
// @ts-expect-error -- a plain .mjs helper shared with the test runner
import { CHROME_ARGS, findBrowsers } from './scripts/browsers.mjs';

const { chrome } = findBrowsers() as { chrome: string };

// Every story is a test in Chromium: it must render, and axe must find no violation.
export default defineConfig({
  plugins: [storybookTest({ configDir: '.storybook' })],
  optimizeDeps: { include: ['lit', '@lit/context', '@lit/task', 'zod/mini'] },
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
