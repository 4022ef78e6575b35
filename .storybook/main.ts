import type { StorybookConfig } from '@storybook/web-components-vite';
// @ts-expect-error -- a plain .mjs helper shared with vitest.config.ts
import { litEntries } from '../scripts/lit-entries.mjs';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // One copy of Lit, context and zod for every story, or Lit warns about being loaded twice.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [...(viteConfig.optimizeDeps?.include ?? []), ...(litEntries() as string[])],
    };
    return viteConfig;
  },
};

export default config;
