import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Two pages: the app, and consent.html, the memory adapter's stand-in for a provider's consent screen.
export default defineConfig({
  plugins: [react()],
  build: {
    rolldownOptions: {
      input: { main: 'index.html', consent: 'consent.html' },
    },
  },
});
