import { expect, it } from 'vitest'
import { pdfPagesText } from '../../shared/documentLedger/pdfText'

// In the app project (a fresh module graph per file), so nothing has loaded pdf.js before this test.
it('reading a PDF with pdf.js leaves the core its native JSON (the polyfill is 40× slower on Cyrillic)', async () => {
  const { parse, stringify } = JSON
  await expect(pdfPagesText(new TextEncoder().encode('not a pdf'))).rejects.toThrow()
  expect(JSON.stringify).toBe(stringify)
  expect(JSON.parse).toBe(parse)
  const cyrillic = { a: 'я'.repeat(1_000_000) }
  const started = performance.now()
  for (let i = 0; i < 5; i++) JSON.stringify(cyrillic)
  // Native: ~5 ms each on this machine; the polyfill took ~230 ms each.
  expect((performance.now() - started) / 5).toBeLessThan(100)
})
