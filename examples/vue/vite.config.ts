import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      // The lf-* tags are custom elements, not Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('lf-') } },
    }),
  ],
  build: {
    // Two pages: the app, and consent.html, the memory adapter's stand-in for a provider's consent screen.
    rolldownOptions: {
      input: { main: 'index.html', consent: 'consent.html' },
    },
  },
});
