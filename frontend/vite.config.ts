import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// BERTH_WEBROOT is set by the Maven build so the bundle lands under the jar's webroot/.
export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: process.env.BERTH_WEBROOT || 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: { '/api': { target: process.env.BERTH_GATEWAY || 'http://127.0.0.1:8080', ws: true } },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
  },
})
