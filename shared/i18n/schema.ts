/**
 * A message tree with string leaves: the `as const` literals of a Russian file widened to `string`. A list of texts
 * (read with `tm`/`rt`, e.g. `sections.osago.items`) stays a list of the same length. English files are written
 * `satisfies LocaleFile<typeof ru>`, so a key missing from English, or one Russian does not have, fails the typecheck.
 */
export type LocaleFile<T> = { readonly [K in keyof T]: T[K] extends string ? string : LocaleFile<T[K]> }
