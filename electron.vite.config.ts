import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { mdiIconsPerChunk } from './scripts/mdiIconsPerChunk'
import { vuetifyEnOnDemand } from './scripts/vuetifyEnOnDemand'
import { vueI18nStaticVue } from './scripts/vueI18nStaticVue'

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
    plugins: [
      // No Options API (Vue's __VUE_OPTIONS_API__ flag): the app writes every component with <script setup>, and with
      // the flag on Vuetify adds a global mixin (a `$vuetify` computed on every component instance) that each of the
      // sign-in screen's components pays for at its creation (docs/decisions.md, renderer startup).
      vue({ features: { optionsAPI: false } }),
      vuetify({ autoImport: true }),
      mdiIconsPerChunk(),
      vueI18nStaticVue(),
      // Vuetify's English locale out of the entry chunk (renderer/src/plugins/vuetifyComplete.ts adds it later).
      vuetifyEnOnDemand(),
    ],
    // vue-i18n's bundler build asks for its feature flags (its README, "Feature flags"): the app uses the
    // Composition API only (`legacy: false`), so the legacy API's code goes; the rest stay at their defaults.
    // __INTLIFY_DROP_MESSAGE_COMPILER__: the app compiles its messages itself (renderer/src/plugins/messageCompiler.ts,
    // passed as `messageCompiler`), so vue-i18n's JIT compiler (@intlify/message-compiler) is never called: the flag
    // lets the bundler drop it from the entry (docs/decisions.md, renderer startup).
    define: {
      __VUE_I18N_LEGACY_API__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'true',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
    },
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; the window parses every byte of the entry at each start
      // (docs/decisions.md, renderer startup). Stack traces in the log name minified functions; the sources are
      // in the repository at the same version. BD_NO_MINIFY=1 keeps the names for a CPU profile.
      minify: process.env.BD_NO_MINIFY ? false : true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'renderer/index.html') },
        // Everything the entry imports statically in one chunk with it (and so one stylesheet): left to itself the
        // bundler splits the modules the entry shares with lazy chunks (Vue, Vuetify's core, the card) into common
        // chunks, so a new window fetched, compiled and linked four scripts and three stylesheets before its sign-in
        // where one of each does (docs/decisions.md, renderer startup). The lazy chunks import from the entry.
        output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } },
      },
    },
  },
})
