import type { MessageRef } from '@shared/casco/quoteTypes'

type Translate = (key: string) => string
type Exists = (key: string) => boolean

/**
 * The CASCO calculator's warnings name what is unverified by code (`rate:damage`, `region`, `moscowHit`, `two`):
 * shared code has no locale. The clerk reads names: each code is put in words from the messages that already name
 * it (components, factors, programs, instalment plans); a code without a name stays as it is rather than vanish.
 */
export function warningParams(w: MessageRef, t: Translate, te: Exists): Record<string, string | number> {
  const params: Record<string, string | number> = { ...w.params }
  const name = (key: string, code: string) => (te(key) ? t(key) : code)
  const list = (value: unknown, each: (code: string) => string) =>
    String(value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(each)
      .join(', ')
  if (typeof params.items === 'string')
    params.items = list(params.items, (code) =>
      code.startsWith('rate:')
        ? name(`casco.components.${code.slice(5)}`, code)
        : name(`casco.factorNames.${code}`, code),
    )
  if (typeof params.programs === 'string')
    params.programs = list(params.programs, (code) => name(`casco.programNames.${code}`, code))
  if (typeof params.plan === 'string') params.plan = name(`casco.plans.${params.plan}`, params.plan)
  return params
}
