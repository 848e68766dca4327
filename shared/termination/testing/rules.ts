import rulesFile from '../../../resources/rules/termination.json'
import { terminationRulesFileSchema, type TerminationRules } from '../rulesSchema'

/** The bundled rules file, parsed by its schema, so tests also prove the shipped data is valid. */
export const bundledRulesFile = terminationRulesFileSchema.parse(rulesFile)
export const bundledRules: TerminationRules = bundledRulesFile.data

/** The bundled rules with one part replaced, for tests of a rule variant the data may switch to. */
export function rulesWith(patch: (r: TerminationRules) => void): TerminationRules {
  const copy = structuredClone(bundledRules)
  patch(copy)
  return copy
}
