import { readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import ts from 'typescript'

/**
 * Finds writes to synced tables made beside the Writer (core/db/write.ts). The Writer reads the before-image and
 * records the outbox and audit entries in the same transaction; a knex insert/update/delete elsewhere changes the
 * row without them, so HQ never hears of it and the audit's next before-state is wrong.
 *
 * Works on types, not text: a call counts as a database write when its method is declared by knex's typings, so
 * `hash.update()` or `map.delete()` never match, and the table is followed through constants, small helper
 * functions (`const table = () => trx('policy_blank')`) and the arguments a file-local helper is called with. A
 * write whose table cannot be told statically (a string parameter from elsewhere) is reported too: it could be a
 * synced table. Raw SQL is read for INSERT / UPDATE / DELETE / REPLACE statements.
 */

export interface DirectWrite {
  /** Path relative to the root given to the scan, with forward slashes. */
  file: string
  line: number
  /** The synced table written, or null when the table is not known statically. */
  table: string | null
  code: string
}

const WRITE_METHODS = new Set([
  'insert',
  'update',
  'del',
  'delete',
  'truncate',
  'upsert',
  'merge',
  'increment',
  'decrement',
])
/** Query-builder methods that name the table themselves (`knex.insert(row).into('t')`). */
const TABLE_METHODS = new Set(['into', 'table', 'from'])
const RAW_WRITE =
  /\b(?:insert\s+(?:or\s+\w+\s+)?into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+["`[]?(\w+)/gi

/** The tables' names, or null when the expression is not a compile-time string. */
type Tables = string[] | null

function isKnexDeclaration(node: ts.Node): boolean {
  return /[\\/]node_modules[\\/]knex[\\/]/.test(node.getSourceFile().fileName)
}

export class WriterOnlyScan {
  private readonly checker: ts.TypeChecker
  private readonly seen = new Set<ts.Node>()

  constructor(
    private readonly program: ts.Program,
    private readonly synced: ReadonlySet<string>,
  ) {
    this.checker = program.getTypeChecker()
  }

  /** Every direct write in the given files (absolute paths the program holds). */
  scan(files: readonly string[], root: string): DirectWrite[] {
    const out: DirectWrite[] = []
    const keys = new Set<string>()
    for (const name of files) {
      const sf = this.program.getSourceFile(name)
      if (!sf) throw new Error(`not in the program: ${name}`)
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node)) {
          for (const table of this.writtenTables(node)) {
            if (table !== null && !this.synced.has(table)) continue
            const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1
            const file = relative(root, name).split(sep).join('/')
            const key = `${file}:${line}:${table}`
            if (keys.has(key)) continue
            keys.add(key)
            out.push({ file, line, table, code: node.getText(sf).replace(/\s+/g, ' ').slice(0, 160) })
          }
        }
        ts.forEachChild(node, visit)
      }
      visit(sf)
    }
    return out
  }

  /** The tables a call writes: [] when it is no database write; null entries when the table is unknown. */
  private writtenTables(call: ts.CallExpression): Array<string | null> {
    const callee = call.expression
    if (!ts.isPropertyAccessExpression(callee)) return []
    const method = callee.name.text
    if (!WRITE_METHODS.has(method) && method !== 'raw') return []
    if (!this.declaredByKnex(callee)) return []
    if (method === 'raw') return this.rawWrites(call)
    const tables = this.tableNamedLater(call) ?? this.tablesOf(callee.expression)
    return tables === null ? [null] : tables
  }

  /** `knex.insert(row).into('t')`: the table comes after the write in the chain. */
  private tableNamedLater(call: ts.CallExpression): Tables | undefined {
    let node: ts.Expression = call
    while (
      ts.isPropertyAccessExpression(node.parent) &&
      ts.isCallExpression(node.parent.parent) &&
      node.parent.parent.expression === node.parent
    ) {
      const access = node.parent
      const next = node.parent.parent
      if (TABLE_METHODS.has(access.name.text) && this.declaredByKnex(access) && next.arguments[0])
        return this.stringsOf(next.arguments[0])
      node = next
    }
    return undefined
  }

  private declaredByKnex(callee: ts.PropertyAccessExpression): boolean {
    const symbol = this.checker.getSymbolAtLocation(callee.name)
    return (symbol?.declarations ?? []).some(isKnexDeclaration)
  }

  private rawWrites(call: ts.CallExpression): Array<string | null> {
    const sql = call.arguments[0]
    if (!sql) return []
    // SQL with values spliced in: its literal parts still say which statement and table it is.
    const texts = ts.isTemplateExpression(sql)
      ? [[sql.head.text, ...sql.templateSpans.map((s) => s.literal.text)].join(' ? ')]
      : this.stringsOf(sql)
    if (texts === null) return [null]
    const out: string[] = []
    for (const text of texts) for (const m of text.matchAll(RAW_WRITE)) out.push(m[1]!)
    return out
  }

  /** The tables a query builder expression works on. */
  private tablesOf(expr: ts.Expression): Tables {
    expr = skipParens(expr)
    if (ts.isCallExpression(expr)) {
      const callee = skipParens(expr.expression)
      if (ts.isPropertyAccessExpression(callee) && this.declaredByKnex(callee)) {
        if (TABLE_METHODS.has(callee.name.text) && expr.arguments[0]) return this.stringsOf(expr.arguments[0])
        // A chained builder method (`where`, `whereIn`, `onConflict`…): the table is further down the chain.
        return this.tablesOf(callee.expression)
      }
      const decl = this.checker.getResolvedSignature(expr)?.getDeclaration()
      if (decl && isKnexDeclaration(decl)) return this.tableArgument(expr)
      // A local helper that returns a builder: follow what it returns.
      if (
        decl &&
        (ts.isArrowFunction(decl) || ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) &&
        !this.seen.has(decl)
      ) {
        this.seen.add(decl)
        try {
          return this.returnedTables(decl)
        } finally {
          this.seen.delete(decl)
        }
      }
      return null
    }
    if (ts.isIdentifier(expr)) {
      const init = this.initializerOf(expr)
      return init ? this.tablesOf(init) : null
    }
    if (ts.isAwaitExpression(expr)) return this.tablesOf(expr.expression)
    return null
  }

  private returnedTables(fn: ts.SignatureDeclaration): Tables {
    const body = (fn as ts.FunctionLikeDeclarationBase).body
    if (!body) return null
    if (!ts.isBlock(body)) return this.tablesOf(body)
    const found: string[] = []
    let unknown = false
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return
      if (ts.isReturnStatement(node) && node.expression) {
        const t = this.tablesOf(node.expression)
        if (t === null) unknown = true
        else found.push(...t)
      }
      ts.forEachChild(node, visit)
    }
    ts.forEachChild(body, visit)
    return unknown ? null : found
  }

  private tableArgument(call: ts.CallExpression): Tables {
    const arg = call.arguments[0]
    // `knex()` without a table, then `.into()` / `.from()`: nothing known here.
    if (!arg) return null
    return this.stringsOf(arg)
  }

  /** The compile-time string values of an expression: a literal, a const, or a union of literal types. */
  private stringsOf(expr: ts.Expression): string[] | null {
    expr = skipParens(expr)
    if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text]
    if (ts.isIdentifier(expr)) {
      const init = this.initializerOf(expr)
      if (init) {
        const viaInit = this.stringsOf(init)
        if (viaInit) return viaInit
      }
      const viaCalls = this.argumentsPassed(expr)
      if (viaCalls) return viaCalls
    }
    const type = this.checker.getTypeAtLocation(expr)
    const parts = type.isUnion() ? type.types : [type]
    if (parts.every((t) => t.isStringLiteral())) return parts.map((t) => (t as ts.StringLiteralType).value)
    return null
  }

  /**
   * A parameter of a local helper (`const pragma = (sql: string) => db.raw(sql)`): the strings every call in the
   * file passes for it, or null when one of them is not a compile-time string or the helper escapes the file.
   */
  private argumentsPassed(id: ts.Identifier): string[] | null {
    const param = this.checker.getSymbolAtLocation(id)?.valueDeclaration
    if (!param || !ts.isParameter(param) || !ts.isIdentifier(param.name)) return null
    const fn = param.parent
    const index = fn.parameters.indexOf(param)
    const name = ts.isFunctionDeclaration(fn)
      ? fn.name
      : (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
          ts.isVariableDeclaration(fn.parent) &&
          ts.isIdentifier(fn.parent.name)
        ? fn.parent.name
        : undefined
    if (!name || this.seen.has(fn)) return null
    const target = this.checker.getSymbolAtLocation(name)
    const out: string[] = []
    let ok = true
    let calls = 0
    this.seen.add(fn)
    const visit = (node: ts.Node): void => {
      if (!ok) return
      if (ts.isIdentifier(node) && node !== name && this.checker.getSymbolAtLocation(node) === target) {
        const call = node.parent
        if (!ts.isCallExpression(call) || call.expression !== node) {
          ok = false // passed around or exported: its callers are not all here
          return
        }
        calls++
        const arg = call.arguments[index]
        const values = arg ? this.stringsOf(arg) : null
        if (values === null) ok = false
        else out.push(...values)
      }
      ts.forEachChild(node, visit)
    }
    try {
      visit(fn.getSourceFile())
    } finally {
      this.seen.delete(fn)
    }
    // Exported, or never called here: callers elsewhere may pass anything.
    const exported =
      (ts.getCombinedModifierFlags(ts.isFunctionDeclaration(fn) ? fn : (name.parent as ts.VariableDeclaration)) &
        ts.ModifierFlags.Export) !==
      0
    return ok && calls > 0 && !exported ? out : null
  }

  /** The initializer of a `const` the identifier names (not a parameter or a reassigned `let`). */
  private initializerOf(id: ts.Identifier): ts.Expression | undefined {
    const symbol = this.checker.getSymbolAtLocation(id)
    const decl = symbol?.valueDeclaration
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined
    const list = decl.parent
    if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined
    return decl.initializer
  }
}

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression
  return e
}

/** Every non-test .ts file under `dir`. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
      out.push(path)
  }
  return out
}

/** The program the scan runs on: the project's compiler options, these files as roots. */
export function programFor(root: string, files: readonly string[]): ts.Program {
  const configPath = join(root, 'tsconfig.json')
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  return ts.createProgram({ rootNames: [...files], options: { ...parsed.options, noEmit: true } })
}
