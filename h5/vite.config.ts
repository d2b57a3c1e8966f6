import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'

export default defineConfig({
  plugins: [
    vue(),
    // Only Vant is auto-imported; our own components are imported explicitly.
    Components({ dirs: [], resolvers: [VantResolver()], dts: 'components.d.ts' }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    // Old WeChat webviews (iOS < 16.4, Android X5) do not parse newer syntax.
    target: 'es2018',
    cssTarget: ['chrome61', 'safari11'],
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/__tests__/*.spec.ts'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    // Vant's style entries import .css files, which Node cannot load outside Vite.
    server: { deps: { inline: ['vant'] } },
  },
})
