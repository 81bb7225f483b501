import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The dashboard is static assets that the server serves at `/` (server/dashboard.ts).
// `npm run dev:dashboard` serves it with hot reload and forwards the API to a running server.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [svelte()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: {
    proxy: Object.fromEntries(['/v1', '/v2', '/openapi.json'].map((path) => [path, process.env.VIGIL_URL ?? 'http://127.0.0.1:8080'])),
  },
});
