import { describe, expect, it } from 'vitest'
import { canonicalHash, canonicalText, parseQrText, qrText, sha256Hex, stampLine, stampsIn } from './canonical'

const ID = '01937a4e-5b2c-7d10-9a3f-4c2e8b6d1f00'
const HASH = '9ecdf12f03e28a0ebd9d2b119f7cfde1acdd396f2a350595f384b95a56b67724'

describe('canonical text of a document', () => {
  it('ignores whitespace and Unicode composition, never a character', async () => {
    const a = ['Полис  ОСАГО\nСерия ААК № 0123456789', 'Премия 5\u00a0123,45 ₽']
    const b = ['Полис ОСАГО Серия ААК\t№ 0123456789', 'Премия 5\u202f123,45 ₽']
    expect(canonicalText(a)).toBe('ПолисОСАГОСерияААК№0123456789Премия5123,45₽')
    expect(await canonicalHash(a)).toBe(await canonicalHash(b))
    // «й» typed as и + combining breve is the same letter.
    expect(canonicalText(['Сергей'])).toBe(canonicalText(['Сергеи\u0306']))
    expect(await canonicalHash(['Премия 5 123,45 ₽'])).not.toBe(await canonicalHash(['Премия 5 123,46 ₽']))
    expect(await canonicalHash(['12', '3'])).toBe(await canonicalHash(['1', '23']))
  })

  it('takes the stamp out, wherever the reader put it, and finds it', () => {
    const stamped = [`${stampLine(ID, HASH)}\nПолис ОСАГО`, `Страница 2\n${stampLine(ID, HASH)}`]
    expect(canonicalText(stamped)).toBe(canonicalText(['Полис ОСАГО', 'Страница 2']))
    expect(stampsIn(stamped)).toEqual([
      { documentId: ID, hashPrefix: HASH.slice(0, 12) },
      { documentId: ID, hashPrefix: HASH.slice(0, 12) },
    ])
    expect(stampLine(ID, HASH)).toBe(`Проверка подлинности: ${ID} · 9ecdf12f03e2`)
  })

  it('reads the QR text in either case, and nothing else', () => {
    expect(qrText(ID, HASH)).toBe(`BD1:${ID.toUpperCase()}:${HASH.toUpperCase()}`)
    expect(parseQrText(qrText(ID, HASH))).toEqual({ documentId: ID, contentSha256: HASH })
    expect(parseQrText(` bd1:${ID}:${HASH}\n`)).toEqual({ documentId: ID, contentSha256: HASH })
    for (const bad of [`BD2:${ID}:${HASH}`, `BD1:${ID}:${HASH.slice(1)}`, `BD1:${ID}`, 'https://example.ru'])
      expect(parseQrText(bad)).toBeNull()
  })

  it('hashes as SHA-256 of UTF-8', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
