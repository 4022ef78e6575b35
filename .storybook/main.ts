import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // One copy of Lit, context and zod for every story, or Lit warns about being loaded twice: every Lit
    // entry point that the elements or Storybook's renderer (`lit/directive-helpers.js`) import.
    viteConfig.optimizeDeps = {
      ...viteConfig.optimizeDeps,
      include: [
        ...(viteConfig.optimizeDeps?.include ?? []),
        'lit',
        'lit/decorators.js',
        'lit/directives/live.js',
        'lit/directives/style-map.js',
        'lit/directive-helpers.js',
        '@lit/context',
        '@lit/task',
        'zod/mini',
      ],
    };
    return viteConfig;
  },
};

export default config;
