import { defineConfig } from 'vite'
import { resolve } from 'node:path'

// Three pages (the app shell, the watch page and the embed page); the Maven build passes --outDir so the bundle lands on the server's classpath.
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
        app: resolve(import.meta.dirname, 'app.html'),
        watch: resolve(import.meta.dirname, 'watch.html'),
        embed: resolve(import.meta.dirname, 'embed.html')
      }
    }
  }
})
