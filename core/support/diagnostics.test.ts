import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { todayIn } from '../../shared/dates/calendarDate'
import { completeDraft } from '../../shared/osago/testing/completeDraft'
import { ManualClock } from '../app/clock'
import { createCore, type Core } from '../app/createCore'
import { ScriptedFileDialogs } from '../files/fileDialogs'
import { call, expectOk, RESOURCES_DIR, setupBranch, signInAs } from '../testing/testCore'
import { redactLogText } from './diagnostics'

const CLIENT = {
  surname: 'Вересаева',
  name: 'Ульяна',
  patronymic: 'Тимофеевна',
  series: '4521',
  number: '987123',
  phone: '+7 913 555-21-87',
}

let dir: string
let core: Core
let dialogs: ScriptedFileDialogs
let logsDir: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'diagnostics-test-'))
  logsDir = join(dir, 'logs')
  const crashDumpsDir = join(dir, 'Crashpad')
  mkdirSync(join(crashDumpsDir, 'completed'), { recursive: true })
  writeFileSync(join(crashDumpsDir, 'completed', '3f2a-renderer.dmp'), Buffer.alloc(64))
  mkdirSync(logsDir)
  // A log as the shell writes it, with an error that quotes what it failed on (as knex errors quote their SQL).
  writeFileSync(
    join(logsDir, 'main.1.log'),
    [
      JSON.stringify({ level: 30, time: '2026-12-05T10:00:00.000Z', msg: 'starting', version: '0.1.0' }),
      JSON.stringify({
        level: 50,
        time: '2026-12-05T10:01:00.000Z',
        msg: 'call osago/save-draft failed',
        err: {
          message: `insert into \`osago_policy\` (\`data\`) values ('{"insured":{"surname":"${CLIENT.surname}","passport":{"series":"${CLIENT.series}","number":"${CLIENT.number}"}}}') - SQLITE_CONSTRAINT: NOT NULL constraint failed`,
          stack: `Error: at C:\\Users\\${CLIENT.surname}\\AppData\\Local\\Programs\\branch-desk\\resources\\app.asar\\out\\main\\index.js:10:5`,
        },
      }),
      JSON.stringify({
        level: 50,
        time: '2026-12-05T10:02:00.000Z',
        msg: `lookup for "${CLIENT.name} ${CLIENT.patronymic}" ${CLIENT.series} ${CLIENT.number}, phone ${CLIENT.phone}`,
      }),
    ].join('\n'),
  )
  dialogs = new ScriptedFileDialogs()
  const clock = new ManualClock()
  core = await createCore({
    dataDir: join(dir, 'data'),
    resourcesDir: RESOURCES_DIR,
    isTrustedUrl: (u) => u.startsWith('app://branch-desk/'),
    clock,
    files: dialogs,
    appVersion: '0.1.0-test',
    logsDir,
    crashDumpsDir,
  })
  await setupBranch(core)
  await signInAs(core, 'admin', 'admin')
  await signInAs(core, 'clerk', 'clerk')
  // A client at the counter: an OSAGO draft with a name and a passport.
  const draft = completeDraft(todayIn('Europe/Moscow', clock.now()))
  Object.assign(draft.insured, {
    surname: CLIENT.surname,
    name: CLIENT.name,
    patronymic: CLIENT.patronymic,
    phone: CLIENT.phone,
  })
  draft.insured.passport = { ...draft.insured.passport, series: CLIENT.series, number: CLIENT.number }
  const created = await expectOk(call(core, 'osago/create-draft', undefined, 'clerk'))
  await expectOk(call(core, 'osago/save-draft', { id: created.id, rowVersion: created.rowVersion, draft }, 'clerk'))
  const stored = JSON.stringify([await core.db('osago_policy').select(), await core.db('osago_document').select()])
  expect(stored).toContain(CLIENT.surname)
  expect(stored).toContain(CLIENT.number)
})

afterEach(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('«Сохранить диагностику»', () => {
  it('writes a zip through the save dialog with versions, logs, the integrity check, sync state and outbox counts', async () => {
    const target = join(dir, 'chosen', 'diag')
    mkdirSync(join(dir, 'chosen'))
    dialogs.answer(target)
    const saved = await expectOk(call(core, 'settings/save-diagnostics', undefined, 'admin'))
    expect(saved.savedTo).toBe(target)
    expect(dialogs.asked).toEqual([
      expect.objectContaining({ dialog: 'save', kind: { name: 'Архив ZIP', extensions: ['zip'] } }),
    ])
    expect((dialogs.asked[0] as { suggestedName?: string }).suggestedName).toMatch(/^branch-desk-diagnostics-.+\.zip$/)
    const files = unzipSync(readFileSync(target))
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'about.json',
      'crash-dumps.json',
      'database.json',
      'logs/main.1.log',
      'outbox.json',
      'sync.json',
    ])
    expect(saved.entries.sort()).toEqual(Object.keys(files).sort())
    const json = (name: string) => JSON.parse(strFromU8(files[name]!)) as Record<string, any>
    expect(json('about.json')).toMatchObject({
      appVersion: '0.1.0-test',
      runtime: { node: process.versions.node },
      imageLibrary: 'ok',
    })
    expect(json('about.json').migrations.length).toBeGreaterThan(5)
    expect(json('database.json')).toMatchObject({
      integrityCheck: ['ok'],
      ok: true,
      foreignKeyProblems: 0,
      journalMode: 'wal',
    })
    expect(json('database.json').rowCounts.osago_policy).toBe(1)
    expect(json('outbox.json').pending).toBeGreaterThan(0)
    expect(json('outbox.json').byEntity).toContainEqual(
      expect.objectContaining({ entity: 'osago_policy', pending: 2, sent: 0 }),
    )
    expect(json('sync.json')).toMatchObject({ issues: [] })
    expect(json('crash-dumps.json')).toEqual([
      expect.objectContaining({ name: 'completed/3f2a-renderer.dmp', bytes: 64 }),
    ])
    const log = strFromU8(files['logs/main.1.log']!)
    expect(log).toContain('SQLITE_CONSTRAINT: NOT NULL constraint failed')
    expect(log).toContain('call osago/save-draft failed')
    // Audited: who took the archive, and where to.
    expect(await core.db('audit_log').where({ action: 'support.diagnostics-saved' })).toHaveLength(1)
  })

  it("never holds clients' personal data: the seeded client's name and passport are nowhere in the archive", async () => {
    const target = join(dir, 'diag.zip')
    dialogs.answer(target)
    await expectOk(call(core, 'settings/save-diagnostics', undefined, 'admin'))
    const raw = readFileSync(target)
    const files = unzipSync(raw)
    const everything = Object.entries(files)
      .map(([name, data]) => `${name}\n${strFromU8(data)}`)
      .join('\n')
    for (const secret of [
      CLIENT.surname,
      CLIENT.name,
      CLIENT.patronymic,
      CLIENT.number,
      `${CLIENT.series} ${CLIENT.number}`,
      '913 555-21-87',
      '5552187',
    ]) {
      expect(everything, secret).not.toContain(secret)
    }
    // Not even in the compressed bytes (names of entries, comments).
    expect(raw.includes(Buffer.from(CLIENT.surname))).toBe(false)
  })

  it('only the admin may take it, and a cancelled dialog writes nothing', async () => {
    expect(await call(core, 'settings/save-diagnostics', undefined, 'clerk')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await call(core, 'settings/save-diagnostics', { path: '/etc/passwd' } as never, 'admin')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    dialogs.answer(null)
    expect(await expectOk(call(core, 'settings/save-diagnostics', undefined, 'admin'))).toMatchObject({ savedTo: null })
    expect(existsSync(join(dir, 'diag.zip'))).toBe(false)
  })
})

describe('log redaction', () => {
  it('masks quoted values, long numbers and Russian words, keeps the technical text', () => {
    expect(redactLogText("values ('Иванов', 'x') - SQLITE_BUSY")).toBe("values ('…', '…') - SQLITE_BUSY")
    expect(redactLogText('passport 4510 123456 phone +7 (916) 123-45-67, 12 items')).toBe(
      'passport # phone #, 12 items',
    )
    expect(redactLogText('C:\\Users\\Петров\\AppData')).toBe('C:\\Users\\~\\AppData')
    expect(redactLogText('{"msg":"renderer process gone","reason":"crashed","time":"2026-12-05T10:00:00.000Z"}')).toBe(
      '{"msg":"renderer process gone","reason":"crashed","time":"2026-12-05T10:00:00.000Z"}',
    )
  })
})
