import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { mdiIconsPerChunk } from './scripts/mdiIconsPerChunk'

const alias = { '@shared': resolve(import.meta.dirname, 'shared') }

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // better-sqlite3 is a native module and knex loads drivers dynamically: both stay in node_modules.
      externalizeDeps: true,
      // coreHost: the core's own process (utilityProcess), started by the main entry (electron/main/coreProxy.ts).
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          coreHost: resolve(import.meta.dirname, 'core/host/coreHost.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything it uses into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    resolve: { alias },
    plugins: [vue(), vuetify({ autoImport: true }), mdiIconsPerChunk()],
    // vue-i18n's bundler build asks for its feature flags (its README, "Feature flags"): the app uses the
    // Composition API only (`legacy: false`), so the legacy API's code goes; the rest stay at their defaults.
    define: { __VUE_I18N_LEGACY_API__: 'false', __VUE_I18N_FULL_INSTALL__: 'true', __INTLIFY_PROD_DEVTOOLS__: 'false' },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; the window parses every byte of the entry at each start
      // (docs/decisions.md, renderer startup). Stack traces in the log name minified functions; the sources are
      // in the repository at the same version.
      minify: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
})
