import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * No import cycles among production modules (issue 11). The graph is built with the TypeScript compiler's parser
 * from the relative imports (and the `@shared/` alias) of shared/, core/, electron/, hq/ and renderer/src, .vue
 * script blocks included; tests and test support (`*.test.ts`, `testing/`, fixtures) are left out. Type-only imports
 * are left out too: the compiler erases them, so they cannot cause a module to be read half-initialised.
 */
const ROOT = resolve(import.meta.dirname, '..')
const DIRS = ['shared', 'core', 'electron', 'hq', 'renderer/src']

/**
 * Cycles that exist today, each as the sorted files of one strongly connected component. To be removed (issue 11:
 * casco↔approval, print↔inspection); the test fails on any cycle not listed here and when a listed one is gone, so
 * the list stays true — delete the entry in the change that breaks the cycle.
 */
const KNOWN_CYCLES: readonly (readonly string[])[] = [
  // none today (with type-only imports counted there would be two: createCore → setUpPrinting → host/protocol →
  // createCore, and termination/application ↔ applicationRefund)
]

const isProduction = (rel: string) =>
  !/\.(test|spec)\.ts$/.test(rel) &&
  !rel.endsWith('.d.ts') &&
  !/(^|\/)testing(\/|\.ts$)/.test(rel) &&
  !/(testFixtures|[Ff]ixture)\.ts$/.test(rel)

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`
    if (name === 'node_modules') return []
    if (statSync(join(ROOT, rel)).isDirectory()) return sourceFiles(rel)
    return /\.(ts|vue)$/.test(name) && isProduction(rel) ? [rel] : []
  })
}

/** The TypeScript of a file: for .vue, its <script> blocks. */
function scriptOf(rel: string): string {
  const text = readFileSync(join(ROOT, rel), 'utf8')
  if (!rel.endsWith('.vue')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

/** Module specifiers that load code at run time: value imports, re-exports, dynamic import(). */
function runtimeSpecifiers(code: string): string[] {
  const file = ts.createSourceFile('module.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)))
      if (!typeOnly) out.push(node.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly))
      if (!typeOnly) out.push(node.moduleSpecifier.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments
      if (arg && ts.isStringLiteralLike(arg)) out.push(arg.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return out
}

function resolveSpecifier(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('./') || spec.startsWith('../')) base = join(dirname(join(ROOT, from)), spec)
  else if (spec.startsWith('@shared/')) base = join(ROOT, 'shared', spec.slice('@shared/'.length))
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate).split('\\').join('/')
  }
  return null
}

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
 * Not features but the frame every feature plugs into: the composition roots (createCore, the contract's index)
 * import every feature, and every feature imports their errors, clock, Writer and channel helpers. Edges to and
 * from them are left out of the feature graph; their own files are still in the file graph above.
 */
const FRAME = new Set(['core/app', 'core/ipc', 'core/db', 'shared/contract'])

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
 * Cycles between features today, each as the sorted features of one strongly connected component. To be removed
 * (issue 11); same rule as KNOWN_CYCLES: a new one fails, and so does a listed one that is gone.
 */
const KNOWN_FEATURE_CYCLES: readonly (readonly string[])[] = [
  // issue 11: casco's handlers read the last approval decision; approval's handlers read casco's rows and inspections
  ['core/approval', 'core/casco'],
  // issue 11: inspection registers its print documents; the inspection report's print data reads inspection access
  ['core/inspection', 'core/print'],
  // osago → sync → reference → termination → osago
  ['core/osago', 'core/reference', 'core/sync', 'core/termination'],
  // hq/main.ts starts the national registration worker, which uses hq/db.ts
  ['hq/(root)', 'hq/national'],
  // reference upgrades read termination's rules schema; termination's application reads the calendar contract
  ['shared/reference', 'shared/termination'],
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
