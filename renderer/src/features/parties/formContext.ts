import { inject, provide, type InjectionKey, type Ref } from 'vue'

/**
 * A form that edits one nested draft object by dotted paths (`insured.passport.series`). Field components take
 * a path and get value, error and touch handling from here, so sections (person, address, vehicle) are written
 * once and reused by OSAGO and CASCO.
 */
export interface FormContext {
  model: Ref<Record<string, unknown>>
  readonly: Ref<boolean>
  /** Translated messages for a path; empty until the field was touched or the whole form was checked. */
  errorsOf(path: string): string[]
  touch(path: string): void
}

const KEY: InjectionKey<FormContext> = Symbol('form-context')

export function provideForm(ctx: FormContext): void {
  provide(KEY, ctx)
}

export function useForm(): FormContext {
  const ctx = inject(KEY)
  if (!ctx) throw new Error('Field used outside a form that called provideForm()')
  return ctx
}

export function getPath(obj: unknown, path: string): unknown {
  let node = obj
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let node: Record<string, unknown> = obj
  for (const part of parts.slice(0, -1)) {
    const next = node[part]
    if (next === null || typeof next !== 'object') throw new Error(`No object at ${path}`)
    node = next as Record<string, unknown>
  }
  node[parts[parts.length - 1]!] = value
}
