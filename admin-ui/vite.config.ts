import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Keep the big, rarely-changing libraries apart from our code (better caching).
        codeSplitting: {
          groups: [
            { name: 'mui', test: /node_modules[\\/]@mui/ },
            { name: 'react-admin', test: /node_modules[\\/](ra-|react-admin|@tanstack|react-hook-form|react-router)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
});
