import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (needed for SharedArrayBuffer / Atomics between workers).
 * Every resource must be same-origin or send CORP/CORS, so everything is bundled.
 */
export const crossOriginIsolationHeaders: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset URLs so dist/ also works when served from a sub-path.
  base: './',
  worker: {
    format: 'es',
  },
  server: {
    port: 5173,
    strictPort: false,
    headers: crossOriginIsolationHeaders,
  },
  preview: {
    port: 4173,
    strictPort: false,
    headers: crossOriginIsolationHeaders,
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    sourcemap: true,
  },
});
