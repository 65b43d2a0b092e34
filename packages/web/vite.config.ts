import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build -w @onex/web` writes dist/, which the API serves at `/`. In development
// (`npm run dev -w @onex/web`), API paths go to the API on port 3000.
const api = 'http://127.0.0.1:3000';
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: Object.fromEntries(
      [
        '/api',
        '/credentials',
        '/presentations',
        '/teos',
        '/regulator/did.json',
        '/status-lists',
        '/trust-list',
        '/log',
      ].map((p) => [p, api]),
    ),
  },
});
