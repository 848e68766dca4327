import { describe, expect, it, vi } from 'vitest'

// An installer built without this platform's sharp package: importing sharp fails as it does then.
vi.mock('sharp', () => {
  throw new Error('Could not load the "sharp" module using the win32-x64 runtime')
})

describe('sharp is loaded lazily', () => {
  it("the core's photo code loads without sharp; a photo is refused with a message saying what is missing", async () => {
    const { processImage, loadSharp } = await import('./imageProcessing')
    const refused = await processImage(Buffer.from('not even read')).then(
      () => null,
      (e: unknown) => e,
    )
    expect(refused).toMatchObject({
      name: 'AppError',
      code: 'INTERNAL',
      messageKey: 'photos.errors.imageLibraryMissing',
      params: { platform: `${process.platform}-${process.arch}` },
    })
    // The loader's own error rides along for the log (vitest wraps the mock's throw in its own message).
    expect((refused as { cause?: unknown }).cause).toBeInstanceOf(Error)
    // Not remembered as broken: once the package is there (or the next try succeeds) photos work again.
    const real = await vi.importActual<{ default: unknown }>('sharp')
    const sharp = await loadSharp(async () => real as never)
    expect(sharp).toBe(real.default)
  })

  it('the message is natural Russian and English', async () => {
    const ru = (await import('../../shared/i18n/ru/photos')).default as {
      photos: { errors: Record<string, string> }
    }
    const en = (await import('../../shared/i18n/en/photos')).default as {
      photos: { errors: Record<string, string> }
    }
    expect(ru.photos.errors.imageLibraryMissing).toMatch(
      /Обработка снимков недоступна.*\{platform\}.*Остальная работа в программе доступна/,
    )
    expect(en.photos.errors.imageLibraryMissing).toMatch(/\{platform\}/)
  })
})
