import type { z } from 'zod'
import { looksLikeMessageKey, type MessageParams } from './messageKey'

type Issue = z.core.$ZodIssue

/** Where an issue about the whole input (empty path) is filed. */
export const ROOT_PATH = '(input)'

const pathOf = (issue: Issue) => issue.path.map(String).join('.') || ROOT_PATH

/**
 * zod's own issues (wrong type, missing or extra field, plain length limits) carry English sentences; they are
 * mapped to generic keys so `fieldErrors` never holds anything but a message key. `input` is only on issues when
 * parsing ran with `reportInput: true`; without it a missing field reads as a wrong type.
 */
function genericKey(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined && 'input' in issue ? 'validation.required' : 'validation.invalidType'
    case 'too_big':
      return issue.origin === 'string' ? 'validation.text.tooLong' : 'validation.number.max'
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'validation.required' : 'validation.number.min'
    default:
      return 'validation.invalidType'
  }
}

interface Entry {
  path: string
  key: string
  params?: MessageParams
}

function entries(error: { issues: readonly Issue[] }): Entry[] {
  const out: Entry[] = []
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const base = issue.path.map(String).join('.')
      for (const field of issue.keys) {
        out.push({ path: base ? `${base}.${field}` : field, key: 'validation.unknownField', params: { field } })
      }
      continue
    }
    const key = looksLikeMessageKey(issue.message) ? issue.message : genericKey(issue)
    const params = issue.code === 'custom' ? (issue.params as MessageParams | undefined) : undefined
    out.push(params ? { path: pathOf(issue), key, params } : { path: pathOf(issue), key })
  }
  return out
}

/** A form's field errors (dotted path → message key) with their messages' placeholders by the same paths. */
export interface FieldCheck {
  fieldErrors: Record<string, string>
  fieldParams: Record<string, MessageParams>
}

/**
 * Dotted field path (`drivers.0.lastName`) → message key, for the API's `fieldErrors`. The first issue at a path
 * wins: checkers report the most specific problem first.
 */
export function zodIssuesToFieldErrors(error: { issues: readonly Issue[] }): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of entries(error)) out[e.path] ??= e.key
  return out
}

/**
 * The placeholder values of those messages (a VIN's entered length, a name's maximum), by the same paths; only
 * paths whose first issue has parameters appear. Without them «введено {n}» would show an empty or raw placeholder.
 */
export function zodIssuesToFieldParams(error: { issues: readonly Issue[] }): Record<string, MessageParams> {
  const seen = new Set<string>()
  const out: Record<string, MessageParams> = {}
  for (const e of entries(error)) {
    if (seen.has(e.path)) continue
    seen.add(e.path)
    if (e.params) out[e.path] = e.params
  }
  return out
}
