import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The client portal calls /api on its own origin; the dev server and `vite preview` forward it to the API
// (CAIRN_API_URL, set by the browser tests, else API_PORT as npm start sets it). The browser code reads no environment.
const apiTarget = process.env['CAIRN_API_URL'] ?? `http://127.0.0.1:${process.env['API_PORT'] ?? '3000'}`;
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: { proxy, strictPort: true, host: '127.0.0.1', port: 4300 },
  preview: { proxy, strictPort: true, host: '127.0.0.1' },
  build: { outDir: '../../dist/apps/portal-web', emptyOutDir: true },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    // The flows type and click through whole forms; on a busy 2-core CI host that outlasts the default 5 s.
    testTimeout: 20_000,
  },
});
