import { MIGRATIONS } from '../../migrations'

/** The migrations the built app must have applied, from the same list it bundles. */
export function allMigrationNames(): string[] {
  return MIGRATIONS.map((m) => m.name)
}
