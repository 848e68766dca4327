// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'
import prettier from 'eslint-config-prettier'

/**
 * Layering, enforced (as VS Code does): only electron/ may import 'electron'; the renderer and the core meet
 * only through shared/; shared/ is pure (no Node built-ins, no core, no renderer).
 */
const electronOnlyInShell = {
  name: 'electron',
  message:
    "Only electron/ may import 'electron': put logic in core/ (Node) or shared/ (pure) and wire it in the shell.",
}
const restrict = (extraPatterns, extraPaths = []) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: [electronOnlyInShell, ...extraPaths],
      patterns: [{ group: ['electron/*'], message: "Only electron/ may import 'electron'." }, ...extraPatterns],
    },
  ],
})
const noCore = {
  group: ['**/core/**', '**/core', '@core/*'],
  message: 'The renderer reaches the core only through the shared contract (window.branchDesk).',
}
const noRenderer = {
  group: ['**/renderer/**', '**/renderer'],
  message: 'The core must not import the renderer; share code through shared/.',
}
const noHqCore = {
  group: ['**/core/**', '**/core'],
  message: 'hq/ must not import core/: move what both need to shared/ (pure), or bind Node primitives in hq/.',
}
const noShell = { group: ['**/electron/**'], message: 'Only the shell (electron/) imports shell code.' }
const noDatabase = { group: ['**/migrations/**'], message: 'The renderer has no database.' }
const noApiClient = {
  group: ['**/api/client', '**/api/client.ts'],
  message:
    "A component reaches the core through its feature's store or composable, which calls api/client (docs/ARCHITECTURE.md).",
}
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'worker_threads',
  'stream',
  'util',
  'zlib',
]
const noNode = {
  group: ['node:*', ...nodeBuiltins],
  message: 'shared/ is pure: no I/O, no Node built-ins (it runs in the renderer too).',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      '.cache/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  // Layout is Prettier's (`prettier --check` in `npm run lint`): style rules that would fight it are off.
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] },
      globals: { ...globals.browser },
    },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-self-closing': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
      'vue/valid-v-slot': ['error', { allowModifiers: true }],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict([noCore, noShell, noDatabase]),
  },
  // Components do not call the core themselves: the call, its state and its errors live in a store or composable.
  {
    files: ['renderer/**/*.vue'],
    rules: restrict([noCore, noShell, noDatabase, noApiClient]),
  },
  { files: ['core/**', 'migrations/**', 'scripts/**', 'hq/**', 'bench/**'], rules: restrict([noRenderer, noShell]) },
  // HQ shares code with the branch only through shared/; its tests and harness that run the app's flows may use the core.
  { files: ['hq/**'], ignores: ['hq/**/*.test.ts', 'hq/testing/**'], rules: restrict([noRenderer, noShell, noHqCore]) },
  {
    files: ['shared/**'],
    ignores: ['shared/**/*.test.ts', 'shared/**/testing/**'],
    rules: restrict([noCore, noRenderer, noShell, noNode]),
  },
  // Tests of shared code run under Node and may read the bundled resources from disk.
  { files: ['shared/**/*.test.ts', 'shared/**/testing/**'], rules: restrict([noCore, noRenderer, noShell]) },
  { files: ['e2e/**'], rules: restrict([noRenderer, noShell]) },
  { files: ['electron/**'], rules: { 'no-restricted-imports': 'off' } },
  // The main-thread bench and the E2E harness run the shell's own Electron-free main-side modules (the core proxy,
  // the IPC registration, the preview-file server) under Node, as the app's main process does.
  { files: ['bench/mainThread.ts', 'e2e/harness/bindCore.ts'], rules: restrict([noRenderer]) },
)
