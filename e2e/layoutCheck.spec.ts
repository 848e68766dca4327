import { expect, test, type Page } from '@playwright/test'
import { layoutProblems } from './harness/layoutCheck'

/**
 * The layout check (e2e/harness/layoutCheck.ts) on small pages made to fail: a check that passes every screen must be
 * shown able to fail, defect by defect, and to pass a page without defects. No app here: Vuetify's classes with the
 * same styles Vuetify gives them (ellipsis, line clamp), so the pages load at once.
 */

/** A page at the counter's size: a heading, some content, and a bar fixed at the bottom with a total and an action. */
const page = (body: string, style = '') => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><style>
  body { margin: 0; font: 16px sans-serif; }
  .bar { position: fixed; left: 0; right: 0; bottom: 0; height: 64px; background: #eee; display: flex; gap: 16px;
    align-items: center; padding: 0 16px; }
  .cut { display: inline-block; width: 80px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
  ${style}
</style></head><body>${body}</body></html>`

const bar = `<div class="bar"><span data-testid="total">12 345,67 ₽</span><button data-testid="main">Рассчитать</button></div>`

async function problemsOf(p: Page, html: string, want: Parameters<typeof layoutProblems>[2] = {}) {
  await p.setContent(html)
  return layoutProblems(p, 'synthetic', want)
}

test.describe('layout check', () => {
  test('passes a clean page: labels whole, total and action in view, nothing covered', async ({ page: p }) => {
    const html = page(
      `<main style="padding-bottom: 80px">
        <h1 data-testid="heading">ОСАГО</h1>
        <label>Дата выдачи первого удостоверения</label>
        <div class="v-field"><input style="width: 300px" value="ГУ МВД России по г. Москве"></div>
        <div class="v-select"><span class="v-select__selection-text cut" style="width: 300px">Легковой</span></div>
        <div style="height: 2000px"></div>
        <h2 data-testid="last">Водители</h2>
      </main>${bar}`,
      // As the app keeps it (styles.css): what is scrolled into view stops above the bar.
      'html { scroll-padding-bottom: 64px; }',
    )
    expect(await problemsOf(p, html, { inView: ['total', 'main'], notCovered: ['heading', 'last'] })).toEqual([])
  })

  test('reports a label cut by its own box (scrollWidth > clientWidth)', async ({ page: p }) => {
    const problems = await problemsOf(p, page(`<label class="cut">Дата выдачи первого удостоверения</label>`))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('«Дата выдачи первого удостоверения» label.cut')
    expect(problems[0]).toMatch(/scrollWidth \d+ > clientWidth 80/)
  })

  test('reports a label cut by a box around it and a header beyond the window’s edge', async ({ page: p }) => {
    const problems = await problemsOf(
      p,
      page(
        `<div style="width: 100px; overflow: hidden"><span style="white-space: nowrap"><label>Рыночная стоимость ТС</label></span></div>
        <table style="margin-left: 1300px"><tr><th>Страховая сумма</th></tr></table>`,
      ),
    )
    expect(problems).toEqual([
      expect.stringContaining('«Рыночная стоимость ТС» label.: cut by div. (overflow-x hidden)'),
      expect.stringMatching(/«Страховая сумма» th\.: outside the window \(\d+–\d+\)/),
    ])
  })

  test('reports a list’s chosen value, a field’s value and a list item’s clamped subtitle cut', async ({ page: p }) => {
    const html = page(
      `<div class="v-select"><div class="v-field">
         <span class="v-select__selection-text cut">Легковой автомобиль (категория B)</span>
         <input style="width: 40px" value="B-long-hidden-value-of-the-list">
       </div></div>
       <div class="v-autocomplete"><span class="v-autocomplete__selection-text cut">Московская область</span></div>
       <div class="v-field"><input style="width: 60px" value="ГУ МВД России по г. Москве"></div>
       <div class="v-list-item-title cut">Смирнов Алексей Игоревич</div>
       <div class="v-list-item-subtitle" style="width: 120px; display: -webkit-box; -webkit-box-orient: vertical;
         -webkit-line-clamp: 1; overflow: hidden; text-overflow: ellipsis">ОСАГО ААК 0012345670, Lada Vesta, действует до 05.12.2027</div>`,
    )
    const problems = await problemsOf(p, html)
    expect(problems).toEqual([
      expect.stringContaining('«Легковой автомобиль (категория B)» span.v-select__selection-text.cut'),
      expect.stringContaining('«Московская область» span.v-autocomplete__selection-text.cut'),
      expect.stringContaining('«Смирнов Алексей Игоревич» div.v-list-item-title.cut'),
      expect.stringMatching(/«ОСАГО ААК 0012345670.*» div\.v-list-item-subtitle: clamped to 1 line\(s\)/),
      // The list's own input (out of sight in Vuetify) is not read; the text field's value is.
      expect.stringMatching(/«ГУ МВД России по г\. Москве» input\.: scrollWidth \d+ > clientWidth \d+/),
    ])
  })

  test('reports a total and an action below the window, and an action under a bar', async ({ page: p }) => {
    const below = page(
      `<h1>ОСАГО</h1><div style="height: 1200px"></div>
       <span data-testid="total">12 345,67 ₽</span><button data-testid="main">Рассчитать</button>`,
    )
    const problems = await problemsOf(p, below, { inView: ['total', 'main'] })
    // Out of sight scrolled to the top; scrolled to the bottom they are in view.
    expect(problems).toEqual([
      expect.stringMatching(/\[total\] at .* is outside the 1366×768 window scrolled to the top/),
      expect.stringMatching(/\[main\] at .* is outside the 1366×768 window scrolled to the top/),
    ])
    const covered = page(
      `<button data-testid="main" style="position: fixed; bottom: 10px; left: 20px">Рассчитать</button>
       <div class="bar">Панель</div>`,
    )
    expect(await problemsOf(p, covered, { inView: ['main'] })).toEqual([
      expect.stringMatching(/\[main\] is covered by div\.bar scrolled to the bottom/),
      expect.stringMatching(/\[main\] is covered by div\.bar scrolled to the top/),
    ])
    expect(await problemsOf(p, page('<h1>ОСАГО</h1>'), { inView: ['total'] })).toEqual([
      'synthetic: [total] is not on the screen',
      'synthetic: [total] is not on the screen',
    ])
  })

  test('reports a heading under a fixed bar where the page scrolls it to the bottom of the window', async ({
    page: p,
  }) => {
    // The content has no room kept for the bar: scrolled to the bottom of the window, the heading lies under it.
    const html = page(
      `<div style="height: 1500px"></div><h2 data-testid="option-header">Вариант 1</h2><div style="height: 1500px"></div>${bar}`,
    )
    expect(await problemsOf(p, html, { notCovered: ['option-header'] })).toEqual([
      'synthetic: [option-header] is covered by div.bar scrolled to the bottom of the window',
    ])
  })
})
