import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/**
 * The production modules' imports, read with the TypeScript compiler's parser: relative imports and the `@shared/`
 * alias of .ts files and .vue script blocks. Used by scripts/importCycles.test.ts (no cycles) and
 * scripts/featureBoundaries.test.ts (no reach into another feature's internals).
 */
export const ROOT = resolve(import.meta.dirname, '..')

/** Tests and test support (`*.test.ts`, `testing/`, fixtures) are not production code. */
export const isProduction = (rel: string) =>
  !/\.(test|spec)\.ts$/.test(rel) &&
  !rel.endsWith('.d.ts') &&
  !/(^|\/)testing(\/|\.ts$)/.test(rel) &&
  !/(testFixtures|[Ff]ixture)\.ts$/.test(rel)

export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`
    if (name === 'node_modules') return []
    if (statSync(join(ROOT, rel)).isDirectory()) return sourceFiles(rel)
    return /\.(ts|vue)$/.test(name) && isProduction(rel) ? [rel] : []
  })
}

/** The TypeScript of a file: for .vue, its <script> blocks. */
export function scriptOf(rel: string): string {
  const text = readFileSync(join(ROOT, rel), 'utf8')
  if (!rel.endsWith('.vue')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

export interface ImportRef {
  specifier: string
  /** Erased by the compiler (`import type`, every name `type`): cannot load a module half-initialised. */
  typeOnly: boolean
}

/** Every module a file names: imports (type-only marked), re-exports, dynamic import(). */
export function importsOf(code: string): ImportRef[] {
  const file = ts.createSourceFile('module.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out: ImportRef[] = []
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
      out.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly))
      out.push({ specifier: node.moduleSpecifier.text, typeOnly })
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments
      if (arg && ts.isStringLiteralLike(arg)) out.push({ specifier: arg.text, typeOnly: false })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return out
}

/** Module specifiers that load code at run time: value imports, re-exports, dynamic import(). */
export function runtimeSpecifiers(code: string): string[] {
  return importsOf(code)
    .filter((i) => !i.typeOnly)
    .map((i) => i.specifier)
}

/** The repository-relative file a specifier names, or null for a package or a file outside the tree. */
export function resolveSpecifier(from: string, spec: string): string | null {
  let base: string
  if (spec.startsWith('./') || spec.startsWith('../')) base = join(dirname(join(ROOT, from)), spec)
  else if (spec.startsWith('@shared/')) base = join(ROOT, 'shared', spec.slice('@shared/'.length))
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate).split('\\').join('/')
  }
  return null
}
