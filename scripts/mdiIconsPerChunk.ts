import * as mdi from '@mdi/js'
import type { Plugin } from 'vite'

const VIRTUAL = 'virtual:mdi-icon/'
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*['"]@mdi\/js['"]/g

/**
 * Rewrites `import { mdiLock, mdiX as y } from '@mdi/js'` into one import per icon from a module holding only that
 * icon's path. Named imports already tree-shake @mdi/js to the icons the app draws, but rolldown keeps the used
 * exports of one module in one chunk — the entry, since the menu's icons are there — so every screen's icons loaded
 * before sign-in (docs/decisions.md, renderer startup). Per icon, each lands in the chunk of the screen that draws it.
 */
export function rewriteMdiImports(code: string): string | null {
  if (!code.includes('@mdi/js')) return null
  let changed = false
  const out = code.replace(IMPORT, (_all, names: string) => {
    changed = true
    return names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => {
        const [name, local] = n.split(/\s+as\s+/).map((s) => s.trim()) as [string, string | undefined]
        return `import ${local ?? name} from '${VIRTUAL}${name}'`
      })
      .join('\n')
  })
  return changed ? out : null
}

/** The module of one icon: its SVG path, or a build error naming an icon @mdi/js does not have. */
export function mdiIconModule(name: string): string {
  const path = (mdi as Record<string, string>)[name]
  if (typeof path !== 'string') throw new Error(`@mdi/js has no icon ${name}`)
  return `export default ${JSON.stringify(path)}`
}

export function mdiIconsPerChunk(): Plugin {
  return {
    name: 'branch-desk:mdi-icons-per-chunk',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.(vue|ts)($|\?)/.test(id)) return null
      const out = rewriteMdiImports(code)
      return out === null ? null : { code: out, map: null }
    },
    resolveId: (id) => (id.startsWith(VIRTUAL) ? `\0${id}` : null),
    load: (id) => (id.startsWith(`\0${VIRTUAL}`) ? mdiIconModule(id.slice(VIRTUAL.length + 1)) : null),
  }
}
