import { z } from 'zod'
import type { FieldProblem, MessageParams, ValidationKey } from './messageKey'

/** One identifier: how to tidy what was typed, and what is wrong with it. Both pure; schemas are built from them. */
export interface FieldRules {
  /** Idempotent: normalising twice gives the same as once. */
  normalise(raw: string): string
  /** Takes the value as typed (normalises it first); null when the value is acceptable. */
  check(raw: string): ValidationKey | null
  /** Values for the placeholders of the message, for the keys whose text has them. */
  params?(key: ValidationKey, normalised: string): MessageParams | undefined
}

/** Missing value vs a value of the wrong type (a number where text was expected). */
export function textInputError(issue: { input?: unknown }): ValidationKey {
  return issue.input === undefined || issue.input === null ? 'validation.required' : 'validation.invalidType'
}

type Ctx = z.core.$RefinementCtx

export function reportProblem(ctx: Ctx, problem: Omit<FieldProblem, 'path'> & { path?: FieldProblem['path'] }): void {
  ctx.addIssue({
    code: 'custom',
    message: problem.key,
    ...(problem.params ? { params: problem.params } : {}),
    ...(problem.path && problem.path.length > 0 ? { path: problem.path } : {}),
  })
}

function checked(rules: FieldRules, raw: string, ctx: Ctx): string {
  const value = rules.normalise(raw)
  const key = rules.check(value)
  if (key === null) return value
  reportProblem(ctx, { key, params: rules.params?.(key, value) })
  return z.NEVER
}

/** A required text field: output is the normalised value; an empty value fails with `validation.required`. */
export function requiredField(rules: FieldRules) {
  return z.string({ error: textInputError }).transform((raw, ctx) => checked(rules, raw, ctx))
}

/** The same field where empty (blank, null or absent) is allowed and comes out as null. */
export function optionalField(rules: FieldRules) {
  return z
    .string({ error: textInputError })
    .nullish()
    .transform((raw, ctx): string | null => {
      if (raw === null || raw === undefined || rules.normalise(raw) === '') return null
      return checked(rules, raw, ctx)
    })
}

/** Runs a field's rules on a value that may be absent; used inside composite checkers. */
export function problemOf(rules: FieldRules, raw: string, path: FieldProblem['path']): FieldProblem | null {
  const value = rules.normalise(raw)
  const key = rules.check(value)
  if (key === null) return null
  const params = rules.params?.(key, value)
  return params ? { path, key, params } : { path, key }
}
