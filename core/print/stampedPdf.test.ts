import { describe, expect, it } from 'vitest'
import { canonicalHash, canonicalText, stampsIn } from '../../shared/documentLedger/canonical'
import { pdfPagesText } from '../../shared/documentLedger/pdfText'
import { a4Document } from './a4'
import { buildApplication } from './osago/application'
import { buildPolicyArchive } from './osago/policyArchive'
import { pageCount, renderPdf } from './pdfEngine'
import { pdfContentHash, renderStamped, STAMP } from './stampedPdf'
import { FIXED_NOW, printData } from './testing/fixtures'
import { keepPdf, pdfWords } from './testing/pdfTools'

const ID = '01937a4e-5b2c-7d10-9a3f-4c2e8b6d1f00'
const opts = { creationDate: FIXED_NOW }

describe('the verification stamp', () => {
  it('does not change the text it hashes: the stamped PDF reads as the unstamped one, stamp aside', async () => {
    const d = await printData()
    for (const build of [() => buildPolicyArchive(d), () => buildApplication(d)]) {
      const plain = await renderPdf(build(), opts)
      const stamped = await renderStamped(build, opts, async () => ID)
      const pages = await pdfPagesText(stamped.pdf)
      expect(canonicalText(pages)).toBe(canonicalText(await pdfPagesText(plain)))
      expect(stamped.contentSha256).toBe(await canonicalHash(pages))
      expect(stampsIn(pages)).toHaveLength(pageCount(stamped.pdf))
    }
  })

  it('goes on every page, in the left margin beside the footer, clear of the text', async () => {
    const long = () =>
      a4Document({
        title: 'Проверка',
        footerText: 'Документ для проверки',
        content: Array.from({ length: 160 }, (_, i) => ({ text: `Строка ${i + 1} документа` })),
      })
    const stamped = await renderStamped(long, opts, async () => ID)
    const path = keepPdf('stamp-every-page', stamped.pdf)
    expect(pageCount(stamped.pdf)).toBeGreaterThan(1)
    const words = pdfWords(path)
    const stampWords = words.filter((w) => w.text === 'Проверка' || w.text === 'подлинности:')
    expect(stampWords).toHaveLength(2 * pageCount(stamped.pdf))
    // The QR code has the left margin to itself: every word starts right of it (its quiet zone included).
    for (const w of words) expect(w.xMin).toBeGreaterThanOrEqual(STAMP.qrLeft + STAMP.qrSize + 4)
  })

  it('issues what a reader extracts when a character is missing from the font', async () => {
    const doc = () =>
      a4Document({ title: 'Т', footerText: 'Т', content: [{ text: 'Особые отметки: 中文 ✓ 𝔸 — без изменений' }] })
    const asked: string[] = []
    const stamped = await renderStamped(doc, opts, async (hash) => (asked.push(hash), ID))
    // The font has no glyph for the CJK letters: the file was read back, and the hash issued is the reader's.
    expect(asked).toEqual([stamped.contentSha256])
    expect(await pdfContentHash(stamped.pdf)).toBe(stamped.contentSha256)
  })
})
