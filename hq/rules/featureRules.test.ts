import { describe, expect, it } from 'vitest'
import { FEATURES } from '../../core/app/createCore'
import { ENTITY_RULES, ruleFor } from './registry'

/**
 * HQ may not import core/ (lint), so HQ keeps its own registry of entity rules (hq/rules/registry.ts). This test,
 * which may, checks it against the branch's features (core/<feature>/app.ts): every table a feature syncs has a
 * rule at HQ — a change to an entity without one is deferred for ever — and HQ judges no entity no feature syncs.
 */
describe("HQ's entity rules and the branch's features", () => {
  it('has a rule for every synced table', () => {
    for (const f of FEATURES) {
      expect(
        f.syncedTables.filter((e) => ruleFor(e) === undefined),
        `${f.name}: synced tables without an HQ rule`,
      ).toEqual([])
    }
  })

  it('has no rule for an entity no feature syncs', () => {
    const synced = new Set<string>(FEATURES.flatMap((f) => f.syncedTables))
    expect(Object.keys(ENTITY_RULES).filter((e) => !synced.has(e))).toEqual([])
  })
})
