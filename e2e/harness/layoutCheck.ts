import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { SCREENS_DIR } from './screensDir'

/**
 * What a clerk sees at the counter's screen size (issue 14): no text cut, the form's total and main action on screen
 * together, nothing hidden under a sticky bar. Run on every screen the E2E specs visit (e2e/screens.spec.ts).
 */
export interface LayoutExpectations {
  /** Test ids that must be wholly inside the viewport and not covered by another element (a form's total, its main
   *  action), checked at the top of the page and again scrolled to the bottom — a sticky bar keeps them there. */
  inView?: readonly string[]
  /** Test ids that, scrolled into view, must not sit under another element (a sticky bar over a section heading). */
  notCovered?: readonly string[]
  /** Test ids the clerk can scroll to (a card taller than the window): scrolled into view, each is wholly inside
   *  the window — not cut above the top or below the bottom where no scrolling reaches. */
  reachable?: readonly string[]
  /** The picture shows the screen scrolled so that this test id is at the top (a section further down). */
  pictureAt?: string
  /** Save the picture under this name instead of the screen's (a second picture of the same screen). */
  shot?: string
}

/** Text that must be read whole: labels, headings, buttons, table headers, chips, tabs, menu entries. */
const TEXT_SELECTOR = [
  'label',
  '.v-label',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  '.text-h4',
  '.text-h5',
  '.text-h6',
  '.text-subtitle-1',
  '.text-subtitle-2',
  '.v-card-title',
  '.v-card-subtitle',
  '.v-toolbar-title',
  '.v-btn',
  'th',
  '.v-chip',
  '.v-tab',
  '.v-list-item-title',
  '.v-list-item-subtitle',
  '.v-alert-title',
  '.v-expansion-panel-title',
  // What a list shows as chosen: a choice cut to «Легковой автомобиль (катег…» is read as wrongly as a label.
  '.v-select__selection-text',
  '.v-autocomplete__selection-text',
].join(',')

/**
 * What a text field shows typed or filled in: a value wider than its field scrolls inside it, and the clerk checking
 * the form reads only its start. Lists are left to their selection text above: their own input is out of sight.
 */
const VALUE_SELECTOR = '.v-field input:not(.v-select input):not(.v-autocomplete input)'

export interface Clipped {
  text: string
  selector: string
  why: string
}

/** Runs in the page: every visible text element (and field value) whose text does not fit where it is shown. */
function findClipped({ selector, values }: { selector: string; values: string }): Clipped[] {
  const out: Clipped[] = []
  const describe = (el: Element) => {
    const id = el.closest('[data-testid]')?.getAttribute('data-testid')
    return `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')}${id ? ` in [${id}]` : ''}`
  }
  const clips = (s: CSSStyleDeclaration) => ['hidden', 'clip'].includes(s.overflowX)
  const fields = new Set(document.querySelectorAll<HTMLInputElement>(values))
  for (const el of [...document.querySelectorAll<HTMLElement>(selector), ...fields]) {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
    const isField = fields.has(el as HTMLInputElement)
    const text = (isField ? (el as HTMLInputElement).value : (el.innerText ?? '')).trim().replace(/\s+/g, ' ')
    if (!text) continue
    const rect = el.getBoundingClientRect()
    if (rect.width === 0 || rect.height === 0) continue
    const style = getComputedStyle(el)
    // Cut by its own box: text wider than the box that hides the rest (ellipsis or plain overflow: hidden; a field's
    // value always scrolls inside the field, out of sight). A box that scrolls (auto/scroll) is meant to, and is not a
    // cut. One pixel of slack for sub-pixel rounding.
    if ((isField || clips(style) || style.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1) {
      out.push({ text, selector: describe(el), why: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}` })
      continue
    }
    // Cut after its last allowed line (a list item's subtitle is clamped to one or two lines by Vuetify): the lines
    // below are hidden. Only clamped text: other boxes that hide their overflow may be taller inside by a descender.
    const clamp = style.getPropertyValue('-webkit-line-clamp')
    if (clamp && clamp !== 'none' && el.scrollHeight > el.clientHeight + 1) {
      out.push({
        text,
        selector: describe(el),
        why: `clamped to ${clamp} line(s): scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight}`,
      })
      continue
    }
    if (isField) continue // a field's own box is checked; where it sits is the label's and the layout's concern
    // Cut by the window or by a box around it that hides or scrolls sideways: part of the text is out of sight until
    // the clerk scrolls (a table header beyond the right edge). Only sideways: below the fold is not a cut.
    if (rect.right > window.innerWidth + 1 || rect.left < -1) {
      out.push({
        text,
        selector: describe(el),
        why: `outside the window (${Math.round(rect.left)}–${Math.round(rect.right)})`,
      })
      continue
    }
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a)
      if (s.overflowX === 'visible') continue
      const r = a.getBoundingClientRect()
      const inner = { left: r.left + a.clientLeft, right: r.left + a.clientLeft + a.clientWidth }
      if (rect.right > inner.right + 1 || rect.left < inner.left - 1) {
        out.push({ text, selector: describe(el), why: `cut by ${describe(a)} (overflow-x ${s.overflowX})` })
        break
      }
    }
  }
  return out
}

/** Runs in the page: where the element is and what the clerk sees at its centre. */
function placement(testId: string) {
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)
  if (!el) return { found: false as const }
  const r = el.getBoundingClientRect()
  const inside = r.top >= -1 && r.left >= -1 && r.bottom <= window.innerHeight + 1 && r.right <= window.innerWidth + 1
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 10))
  const covered = hit !== null && !el.contains(hit) && !hit.contains(el)
  const by = covered ? `${hit.tagName.toLowerCase()}.${[...hit.classList].slice(0, 3).join('.')}` : ''
  return {
    found: true as const,
    inside,
    covered,
    by,
    box: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`,
  }
}

async function placementProblems(page: Page, screen: string, testId: string, where: string): Promise<string[]> {
  const p = await page.evaluate(placement, testId)
  if (!p.found) return [`${screen}: [${testId}] is not on the screen`]
  const size = page.viewportSize()
  const out: string[] = []
  if (!p.inside)
    out.push(`${screen}: [${testId}] at ${p.box} is outside the ${size?.width}×${size?.height} window ${where}`)
  if (p.covered) out.push(`${screen}: [${testId}] is covered by ${p.by} ${where}`)
  return out
}

const scrollTo = (page: Page, y: 'top' | 'bottom') =>
  page.evaluate((to) => {
    window.scrollTo({ top: to === 'top' ? 0 : document.documentElement.scrollHeight, behavior: 'instant' })
  }, y)

/**
 * Finds what is wrong with the screen as it is now: clipped text, a total/action out of sight or covered (each
 * problem one line, for the message). Leaves the page scrolled to the top. The check's own test
 * (e2e/layoutCheck.spec.ts) shows it finds each kind of defect on a small page.
 */
export async function layoutProblems(page: Page, screen: string, want: LayoutExpectations = {}): Promise<string[]> {
  // Vuetify's transitions (expansion, dialogs, field labels) settle before anything is measured.
  await page.waitForTimeout(350)
  await page.evaluate(() => document.fonts.ready)
  const size = `${page.viewportSize()?.width}×${page.viewportSize()?.height}`
  const clipped = await page.evaluate(findClipped, { selector: TEXT_SELECTOR, values: VALUE_SELECTOR })
  const problems = clipped.map((c) => `${screen}: text cut at ${size}: «${c.text}» ${c.selector}: ${c.why}`)
  const scrollIntoView = (id: string, block: ScrollLogicalPosition) =>
    page
      .getByTestId(id)
      .first()
      .evaluate((el, b) => el.scrollIntoView({ block: b, behavior: 'instant' }), block)
  for (const id of want.notCovered ?? []) {
    await scrollIntoView(id, 'start')
    problems.push(...(await placementProblems(page, screen, id, 'scrolled to the top of the window')))
    await scrollIntoView(id, 'end')
    problems.push(...(await placementProblems(page, screen, id, 'scrolled to the bottom of the window')))
  }
  for (const id of want.reachable ?? []) {
    await scrollIntoView(id, 'nearest')
    problems.push(...(await placementProblems(page, screen, id, 'scrolled into view')))
  }
  if (want.inView?.length) {
    for (const at of ['bottom', 'top'] as const) {
      await scrollTo(page, at)
      for (const id of want.inView)
        problems.push(...(await placementProblems(page, screen, id, `scrolled to the ${at}`)))
    }
  } else await scrollTo(page, 'top')
  return problems
}

/**
 * Checks the screen as it is now and saves its picture (what fits in the window, as the clerk sees it) under
 * e2e-artifacts/screens/<screen>.png. Fails on clipped text, or on a total/action out of sight or covered.
 */
export async function checkLayout(page: Page, screen: string, want: LayoutExpectations = {}): Promise<void> {
  const problems = await layoutProblems(page, screen, want)
  // Soft: one run lists every defect of every screen, and the test still fails at its end.
  expect.soft(problems, `${screen}: layout at ${page.viewportSize()?.width}×${page.viewportSize()?.height}`).toEqual([])
  if (want.pictureAt)
    await page
      .getByTestId(want.pictureAt)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }))
  mkdirSync(SCREENS_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENS_DIR, `${want.shot ?? screen}.png`) })
}
