import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to dist/ and served by `dondoc serve` at the same origin (SPA fallback).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
