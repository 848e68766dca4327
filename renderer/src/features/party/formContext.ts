import { computed, type Ref } from 'vue'

/**
 * A form that edits one nested draft object by dotted paths (`insured.passport.series`). Field components take
 * the form and a path and get value, error and touch handling from it, so sections (person, address, vehicle) are
 * written once and reused by OSAGO, CASCO, the inspection and the termination forms.
 *
 * Paths are typed from the draft (`Path<D>`): a path the draft does not have, or a draft field renamed without
 * its fields, fails the type check (formContext.test.ts and FormPathsFixture.vue prove it) instead of silently binding to nothing.
 */

type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date

/** Every dotted path into `T`: object keys, array indexes as numbers; unions and nullable parts included. */
export type Path<T> = T extends Leaf
  ? never
  : T extends readonly (infer E)[]
    ? `${number}` | `${number}.${Path<E>}`
    : { [K in keyof T & string]: K | SubPath<K, NonNullable<T[K]>> }[keyof T & string]
type SubPath<K extends string, V> = V extends Leaf ? never : `${K}.${Path<V>}`

type Child<T, K extends string> = T extends readonly (infer E)[]
  ? K extends `${number}`
    ? E
    : never
  : K extends keyof T
    ? T[K]
    : never

/** The type at `P` in `T` (across the members of a union that have it). */
export type PathValue<T, P extends string> = T extends unknown
  ? P extends `${infer Head}.${infer Rest}`
    ? PathValue<NonNullable<Child<T, Head>>, Rest>
    : Child<T, P>
  : never

/** What a form shows and records per field, by full dotted path from the draft's root. */
export interface FormState {
  readonly: Ref<boolean>
  /** Translated messages; empty until the field was touched or the whole form was checked. */
  errorsOf(path: string): string[]
  touch(path: string): void
}

export interface FormContext<D> {
  /**
   * The (part of the) draft this form edits; a reactive object, so sections change its fields in place. Read-only
   * as a whole (`replace` swaps it), which keeps a form of a larger draft usable where a part's form is asked for.
   */
  readonly model: { readonly value: D }
  readonly readonly: Ref<boolean>
  /** The path of this part from the draft's root ('' for the root, `insured.` for a part). */
  readonly prefix: string
  errorsOf<P extends Path<D>>(path: P): string[]
  touch<P extends Path<D>>(path: P): void
  /** The full dotted path: a field's name and test id, the key of its errors. */
  name<P extends Path<D>>(path: P): string
  /** For the generic field components, which convert what was typed (text, number) for any checked path. */
  read<P extends Path<D>>(path: P): unknown
  write<P extends Path<D>>(path: P, value: unknown): void
  /** Replaces the whole part (a party switched to the other kind). */
  replace(value: D): void
  /** @internal the root's state and scope cache, for `scope` and `narrow`. */
  readonly root: FormRoot
}

interface FormRoot {
  state: FormState
  draft: () => unknown
  scopes: Map<string, FormContext<unknown>>
}

/** A form over a draft ref. The ref is null until the draft is loaded; the sections render only after that. */
export function createForm<D extends object>(draft: Ref<D | null>, state: FormState): FormContext<D> {
  const root: FormRoot = { state, draft: () => draft.value, scopes: new Map() }
  return context<D>(
    root,
    '',
    () => {
      if (draft.value === null) throw new Error('Form read before its draft was loaded')
      return draft.value
    },
    (v) => (draft.value = v),
  )
}

function context<D>(root: FormRoot, prefix: string, get: () => D, put: (value: D) => void): FormContext<D> {
  const full = (path: string) => prefix + path
  return {
    model: computed({ get, set: put }),
    readonly: root.state.readonly,
    prefix,
    errorsOf: (path) => root.state.errorsOf(full(path)),
    touch: (path) => root.state.touch(full(path)),
    name: (path) => full(path),
    read: (path) => getPath(get(), path),
    write(path, value) {
      const node = get()
      if (node === null || typeof node !== 'object') throw new Error(`No object at ${prefix || 'the root'}`)
      setPath(node as Record<string, unknown>, path, value)
    },
    replace: put,
    root,
  }
}

/** The form of one part of the draft (`insured`, `drivers.list.2`), for a section written for that part's type. */
export function scope<D, P extends Path<D>>(form: FormContext<D>, path: P): FormContext<NonNullable<PathValue<D, P>>> {
  type S = NonNullable<PathValue<D, P>>
  const prefix = `${form.prefix}${path}.`
  const cached = form.root.scopes.get(prefix)
  if (cached) return cached as FormContext<S>
  const at = prefix.slice(0, -1)
  const made = context<S>(
    form.root,
    prefix,
    () => getPath(form.root.draft(), at) as S,
    (v) => {
      const top = form.root.draft()
      if (top === null || typeof top !== 'object') throw new Error('Form written before its draft was loaded')
      setPath(top as Record<string, unknown>, at, v)
    },
  )
  form.root.scopes.set(prefix, made as FormContext<unknown>)
  return made
}

/**
 * The same form typed as the member of a union the draft holds now (a party that is a person: a `PersonDraft`), or
 * null while it holds another member. The check runs on the current value, so the section shown matches the draft.
 * The part is replaced as a whole only through the union's own form (`form.replace`), which keeps its tag.
 */
export function narrow<D, N>(form: FormContext<D>, is: (value: D) => value is Extract<D, N>): FormContext<N> | null {
  if (!is(form.model.value)) return null
  return context<N>(
    form.root,
    form.prefix,
    () => {
      const value = form.model.value
      if (!is(value)) throw new Error(`The draft at ${form.prefix || 'the root'} is no longer this kind`)
      return value
    },
    () => {
      throw new Error('Replace a union member through the form of the union')
    },
  )
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
