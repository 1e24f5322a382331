import { defineConfig } from 'vite'
import { resolve } from 'node:path'

// Two pages; the Maven build passes --outDir so the bundle lands on the server's classpath.
export default defineConfig({
  base: '/',
  // The P2P loader's dependencies were written for Node and reach for `global`.
  define: { global: 'globalThis' },
  build: {
    target: 'es2022',
    // hls.js and the P2P loader make one ~650 KB chunk; splitting it would not make the player start sooner.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        watch: resolve(import.meta.dirname, 'watch.html')
      }
    }
  }
})
