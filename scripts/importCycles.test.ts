import { describe, expect, it } from 'vitest'
import { resolveSpecifier, runtimeSpecifiers, scriptOf, sourceFiles } from './importGraph'

/**
 * No import cycles among production modules (issue 11). The graph is built with the TypeScript compiler's parser
 * from the relative imports (and the `@shared/` alias) of shared/, core/, electron/, hq/ and renderer/src, .vue
 * script blocks included (scripts/importGraph.ts); tests and test support (`*.test.ts`, `testing/`, fixtures) are
 * left out. Type-only imports are left out too: the compiler erases them, so they cannot cause a module to be read
 * half-initialised.
 */
const DIRS = ['shared', 'core', 'electron', 'hq', 'renderer/src']

/**
 * Cycles between files, each as the sorted files of one strongly connected component; the test fails on any cycle
 * not listed here and when a listed one is gone, so the list stays true — delete the entry in the change that breaks
 * the cycle.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [
  // none today (with type-only imports counted there would be two: createCore → setUpPrinting → host/api →
  // host/protocol → createCore, and termination/application ↔ applicationRefund)
]

function importGraph(): Map<string, string[]> {
  const files = DIRS.flatMap(sourceFiles)
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const f of files) {
    const targets = runtimeSpecifiers(scriptOf(f))
      .map((s) => resolveSpecifier(f, s))
      .filter((t): t is string => t !== null && known.has(t))
    graph.set(f, [...new Set(targets)].sort())
  }
  return graph
}

/** Strongly connected components with a cycle in them (Tarjan), each sorted. */
function cyclicComponents(graph: Map<string, string[]>): string[][] {
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const strong = (v: string): void => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort())
    }
  }
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v)
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!))
}

/** A shortest cycle through the first file of a component, as a readable path `a → b → a`. */
function cyclePath(graph: Map<string, string[]>, component: string[]): string {
  const inside = new Set(component)
  const start = component[0]!
  const previous = new Map<string, string>()
  const queue = [start]
  while (queue.length) {
    const v = queue.shift()!
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue
      if (w === start) {
        const path = [v]
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!)
        return [...path, start].join(' → ')
      }
      if (!previous.has(w)) {
        previous.set(w, v)
        queue.push(w)
      }
    }
  }
  return component.join(' ↔ ')
}

/**
 * The feature a file belongs to: `core/casco`, `shared/approval`, `renderer/src/features/casco`, `hq/rules`; files
 * straight under a layer (`hq/db.ts`) belong to the layer's root.
 */
function featureOf(rel: string): string {
  const parts = rel.split('/')
  if (parts[0] === 'renderer') return parts.slice(0, parts[2] === 'features' && parts.length > 4 ? 4 : 3).join('/')
  return parts.length > 2 ? parts.slice(0, 2).join('/') : `${parts[0]}/(root)`
}

/**
 * Not features but the frame every feature plugs into: the composition roots (createCore, the contract's index,
 * the lifecycles' registry) import every feature, and every feature imports their errors, clock, Writer, channel
 * and lifecycle helpers. Edges to and from them are left out of the feature graph; their own files are still in the
 * file graph above.
 */
const FRAME = new Set(['core/app', 'core/ipc', 'core/db', 'shared/contract', 'shared/lifecycle'])

function featureGraph(files: Map<string, string[]>): Map<string, string[]> {
  const out = new Map<string, Set<string>>()
  for (const [from, targets] of files) {
    const a = featureOf(from)
    if (FRAME.has(a)) continue
    if (!out.has(a)) out.set(a, new Set())
    for (const t of targets) {
      const b = featureOf(t)
      if (b !== a && !FRAME.has(b)) out.get(a)!.add(b)
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]))
}

/**
 * Cycles between features, each as the sorted features of one strongly connected component; same rule as
 * KNOWN_CYCLES: a new one fails, and so does a listed one that is gone.
 */
const KNOWN_FEATURE_CYCLES: readonly (readonly string[])[] = [
  // none (issue 11 removed casco↔approval, inspection↔print, osago→sync→reference→termination→osago,
  // hq root↔hq/national and shared reference↔termination; scripts/featureBoundaries.test.ts keeps features apart)
]

function compareWithKnown(
  graph: Map<string, string[]>,
  known: readonly (readonly string[])[],
): { fresh: string[]; gone: string[] } {
  const found = cyclicComponents(graph)
  const key = (c: readonly string[]) => [...c].sort().join(' | ')
  const knownKeys = new Set(known.map(key))
  const foundKeys = new Set(found.map(key))
  return {
    fresh: found
      .filter((c) => !knownKeys.has(key(c)))
      .map((c) => `${cyclePath(graph, c)}   [component: ${c.join(', ')}]`),
    gone: known.filter((c) => !foundKeys.has(key(c))).map(key),
  }
}

describe('import cycles among production modules', () => {
  const graph = importGraph()

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(300)
    const edges = [...graph.values()].reduce((n, t) => n + t.length, 0)
    expect(edges).toBeGreaterThan(1000)
  })

  it('finds a cycle when there is one, and ignores type-only imports', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ])
    const found = cyclicComponents(g)
    expect(found).toEqual([['a', 'b', 'c'], ['d']])
    expect(cyclePath(g, found[0]!)).toBe('a → b → c → a')
    expect(
      runtimeSpecifiers(
        [
          "import type { A } from './typeOnly'",
          "import { type B, type C } from './typeOnlyNamed'",
          "export type { D } from './typeOnlyExport'",
          "import { e, type F } from './value'",
          "import './sideEffect'",
          "export * from './reExport'",
          "import G from './default'",
          "const h = () => import('./dynamic')",
        ].join('\n'),
      ),
    ).toEqual(['./value', './sideEffect', './reExport', './default', './dynamic'])
  })

  it('has no cycle between files but the known ones, and every known one is still there', () => {
    const { fresh, gone } = compareWithKnown(graph, KNOWN_CYCLES)
    expect(fresh, 'new import cycles').toEqual([])
    expect(gone, 'known cycles that are gone: remove them from KNOWN_CYCLES').toEqual([])
  })

  it('has no cycle between features but the known ones, and every known one is still there', () => {
    const features = featureGraph(graph)
    expect(features.size).toBeGreaterThan(40)
    const { fresh, gone } = compareWithKnown(features, KNOWN_FEATURE_CYCLES)
    expect(fresh, 'new import cycles between features').toEqual([])
    expect(gone, 'known feature cycles that are gone: remove them from KNOWN_FEATURE_CYCLES').toEqual([])
  })
})
