import { describe, expect, it } from 'vitest'
import { describeStartupFailure } from './startupFailure'

const where = { dataDir: '/home/k/.config/Branch Desk', logsDir: '/home/k/.config/Branch Desk/logs' }

describe('the start-failure dialog', () => {
  it('names a data folder that cannot be made, and says what to check', () => {
    const e = Object.assign(new Error("ENOTDIR: not a directory, mkdir '/x/Branch Desk'"), {
      code: 'ENOTDIR',
      path: '/x/Branch Desk',
    })
    const text = describeStartupFailure(e, where)
    expect(text).toMatchObject({ kind: 'dataFolder', title: 'Branch Desk не запускается' })
    expect(text.content).toContain('/x/Branch Desk')
    expect(text.content).toMatch(/Что делать: проверьте, что диск подключён/)
    expect(text.content).toContain(`Журнал для поддержки: ${where.logsDir}`)
  })

  it("names a damaged reference file, also when only its message crossed from the core's process", () => {
    const file = '/opt/Branch Desk/resources/resources/reference/regions.json'
    expect(
      describeStartupFailure(Object.assign(new Error('x'), { name: 'ReferenceDataError', file }), where).content,
    ).toContain(file)
    const crossed = new Error(`Reference data file ${file} is invalid at "(file)": Unexpected end of JSON input`)
    expect(describeStartupFailure(crossed, where)).toMatchObject({ kind: 'reference' })
    expect(describeStartupFailure(crossed, where).content).toMatch(
      /Повреждены справочные данные[\s\S]*regions\.json[\s\S]*переустановите/,
    )
  })

  it('tells a native module of the wrong ABI (or a missing one) to reinstall, a locked database to restart, anything else to restart', () => {
    const abi = new Error(
      'The module better_sqlite3.node was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150.',
    )
    expect(describeStartupFailure(abi, where).kind).toBe('installation')
    expect(
      describeStartupFailure(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), where).kind,
    ).toBe('database')
    const other = describeStartupFailure('something odd', where)
    expect(other.kind).toBe('other')
    expect(other.content).toMatch(/^При запуске произошла ошибка\.\n\nЧто делать: /)
    expect(describeStartupFailure(new Error('x'), { ...where, logsDir: '' }).content).not.toContain('Журнал')
  })
})
