import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

// The gateway serves dist-renderer/ at the project root (src-main/http/static-console.ts).
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist-renderer', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // One console bundle (~470 kB, zod included) loads once and is cached immutably.
    chunkSizeWarningLimit: 800,
  },
});
