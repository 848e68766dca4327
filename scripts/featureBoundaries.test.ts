import { describe, expect, it } from 'vitest'
import { importsOf, resolveSpecifier, scriptOf, sourceFiles } from './importGraph'

/**
 * A feature uses another only through that feature's public surface (issue 11; VS Code's layering, Actual Budget's
 * one app per feature): in core/, `core/<feature>/app.ts` (what createCore folds) or `core/<feature>/api.ts` (what
 * other features may call); in the renderer, `renderer/src/features/<feature>/index.ts`. A file that reaches into
 * another feature's internals fails here, type-only imports included (a type is part of the surface too). The
 * common layers below are not features: every feature builds on them. Production code only: tests and test support
 * may set up any state they need.
 */
const CORE_COMMON: Record<string, string> = {
  'core/app': 'the composition root, the clock, errors, the feature type',
  'core/db': 'the database, the Writer, the table map',
  'core/ipc': 'the dispatch and the handler types',
  'core/print': 'the print kit: registry, pdfmake engine, A4 helpers, blank layouts, printer profiles',
  'core/reference': 'the reference data every feature reads (loaded before the database)',
  'core/photos': 'the photo store by SHA-256 and its fetcher',
  'core/files': "the shell's save and open dialogs behind one interface",
}
const CORE_SURFACE = new Set(['app.ts', 'api.ts'])

const RENDERER_FEATURES = 'renderer/src/features/'
const RENDERER_COMMON: Record<string, string> = {
  // The form system lives in party today (issue 11's typed forms): FormField, formContext, the draft editor and
  // backup, and the person, organisation and vehicle fields every editor is built from.
  'renderer/src/features/party': 'the form system and the party fields every editor uses',
}
const RENDERER_SURFACE = new Set(['index.ts', 'routes.ts'])

/** `core/<feature>` and the file's path inside it, or null outside core's feature folders. */
function coreFeature(rel: string): { feature: string; inner: string } | null {
  const m = /^(core\/[^/]+)\/(.+)$/.exec(rel)
  return m ? { feature: m[1]!, inner: m[2]! } : null
}

function rendererFeature(rel: string): { feature: string; inner: string } | null {
  if (!rel.startsWith(RENDERER_FEATURES)) return null
  const [name, ...rest] = rel.slice(RENDERER_FEATURES.length).split('/')
  return rest.length ? { feature: `${RENDERER_FEATURES}${name}`, inner: rest.join('/') } : null
}

/** Imports from one feature into another's internals: `from → to`. */
function reaches(
  files: readonly string[],
  featureOf: (rel: string) => { feature: string; inner: string } | null,
  common: Record<string, string>,
  surface: ReadonlySet<string>,
  read: (rel: string) => string = scriptOf,
): string[] {
  const out: string[] = []
  for (const from of files) {
    const a = featureOf(from)
    for (const { specifier } of importsOf(read(from))) {
      const to = resolveSpecifier(from, specifier)
      const b = to ? featureOf(to) : null
      if (!to || !b || (a && a.feature === b.feature) || b.feature in common || surface.has(b.inner)) continue
      out.push(`${from} → ${to}`)
    }
  }
  return out
}

describe('features use each other only through their public surface', () => {
  it('core/: another feature through its app.ts or api.ts; the common layers freely', () => {
    const files = sourceFiles('core')
    expect(files.length).toBeGreaterThan(150)
    expect(reaches(files, coreFeature, CORE_COMMON, CORE_SURFACE)).toEqual([])
  })

  it('renderer/src/features/: another feature through its index.ts (the router: its routes.ts)', () => {
    // The shell around the features (App.vue, layout/, router/) composes them and is not itself a feature.
    const files = sourceFiles('renderer/src').filter((f) => f.startsWith(RENDERER_FEATURES))
    expect(files.length).toBeGreaterThan(80)
    expect(reaches(files, rendererFeature, RENDERER_COMMON, RENDERER_SURFACE)).toEqual([])
  })

  it('finds a reach when there is one, type-only too, and lets the surface and common layers through', () => {
    const core = (code: string) => reaches(['core/approval/x.ts'], coreFeature, CORE_COMMON, CORE_SURFACE, () => code)
    expect(core("import { findCascoRow } from '../casco/cascoRows'")).toEqual([
      'core/approval/x.ts → core/casco/cascoRows.ts',
    ])
    expect(core("import type { CascoRow } from '../casco/cascoRows'")).toHaveLength(1)
    expect(core("export { findCascoRow } from '../casco/cascoRows'")).toHaveLength(1)
    expect(core("import { findCascoRow } from '../casco/api'")).toEqual([])
    expect(core("import { write } from '../db/write'\nimport { a4Document } from '../print/a4'")).toEqual([])
    expect(core("import { lastDecision } from './fourEyes'")).toEqual([])
    const renderer = (code: string) =>
      reaches(['renderer/src/features/casco/X.vue'], rendererFeature, RENDERER_COMMON, RENDERER_SURFACE, () => code)
    expect(renderer("import DocumentActions from '../print/DocumentActions.vue'")).toEqual([
      'renderer/src/features/casco/X.vue → renderer/src/features/print/DocumentActions.vue',
    ])
    expect(renderer("import { useApi } from '../../composables/useApi'")).toEqual([])
    expect(rendererFeature('renderer/src/App.vue')).toBeNull()
  })
})
