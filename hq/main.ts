import { parseArgs } from 'node:util'
import {
  assignBlanks,
  ensureBranch,
  issueEnrolmentCode,
  listDevices,
  publishReference,
  revokeDevice,
  setPrintBeforeRegistration,
} from './admin'
import { loadConfig } from './config'
import { openHqDatabase } from './db'
import { buildServer } from './server'

/**
 * `npm run hq` starts HQ; `npm run hq -- <command>` runs an administrator's command against the same database:
 *   enrol --branch MSK-01 [--name "…" --city "…"]   one-time enrolment code (creates the branch if new)
 *   revoke --device <id> · devices
 *   move-staff --staff <id> --branch SPB-01        a staff member moves to another branch from now on
 *   assign-blanks --branch MSK-01 --series ААА --from 0000000001 --to 0000000100
 *   publish-reference <file.json>
 *   print-before-registration --branch MSK-01 --allowed yes|no
 *   import <bundle> --answer <answer-file>       offline transfer from a branch
 *   publish-update <installer> [--channel stable] [--version 0.2.0]   app update for enrolled devices
 *   update-cap --branch MSK-01 --version 0.2.0|none · updates           cap a branch; list releases
 *   report cash --day 2026-12-06 [--branch MSK-01] [--format json|xlsx|csv] [--out file]   the day's cash, all branches
 *   report blanks --from 2026-12-01 --to 2026-12-31 [--branch …] [--format …] [--out file]  blank movement
 *   verify <file.pdf | QR text>                  is a document genuine, unchanged, in force (decision 109)
 */
const USAGE =
  'usage: npm run hq [-- enrol|revoke|devices|move-staff|assign-blanks|publish-reference|print-before-registration|import|publish-update|update-cap|updates|verify|report …]'

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      branch: { type: 'string' },
      name: { type: 'string' },
      city: { type: 'string' },
      device: { type: 'string' },
      staff: { type: 'string' },
      series: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      allowed: { type: 'string' },
      answer: { type: 'string' },
      channel: { type: 'string' },
      version: { type: 'string' },
      day: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  })
  const config = loadConfig()
  if (command === undefined || command === 'serve') return serve(config)

  const db = await openHqDatabase(config.database)
  const now = new Date()
  try {
    switch (command) {
      case 'enrol': {
        if (!values.branch) throw new Error('enrol needs --branch <code>')
        if (values.name && values.city) {
          const { created } = await ensureBranch(db, { code: values.branch, name: values.name, city: values.city }, now)
          if (created) console.log(`Branch ${values.branch.toUpperCase()} created.`)
        }
        const { code, expiresAt } = await issueEnrolmentCode(db, values.branch, now, config.enrolCodeDays)
        console.log(
          `Enrolment code for ${values.branch.toUpperCase()}: ${code}\nValid until ${expiresAt}; it enrols one device.`,
        )
        return 0
      }
      case 'revoke':
        if (!values.device) throw new Error('revoke needs --device <id>')
        await revokeDevice(db, values.device, now)
        console.log(`Device ${values.device} revoked.`)
        return 0
      case 'devices':
        for (const d of await listDevices(db)) {
          console.log(
            [
              d.branch_code,
              d.id,
              d.name,
              `enrolled ${d.enrolled_at}`,
              d.revoked_at ? `REVOKED ${d.revoked_at}` : `last seen ${d.last_seen_at ?? 'never'}`,
            ].join('  '),
          )
        }
        return 0
      case 'move-staff': {
        if (!values.staff || !values.branch) throw new Error('move-staff needs --staff <id> --branch <code>')
        const { moveStaff } = await import('./staffMoves')
        const { from, to } = await moveStaff(db, { staffId: values.staff, toBranch: values.branch }, now)
        console.log(`Staff member ${values.staff} moved from ${from} to ${to}.`)
        return 0
      }
      case 'assign-blanks': {
        if (!values.branch || !values.series || !values.from || !values.to)
          throw new Error('assign-blanks needs --branch --series --from --to')
        const { count } = await assignBlanks(
          db,
          { branchCode: values.branch, series: values.series, fromNumber: values.from, toNumber: values.to },
          now,
        )
        console.log(`${count} blanks assigned to ${values.branch.toUpperCase()}.`)
        return 0
      }
      case 'publish-reference': {
        const file = positionals[0]
        if (!file) throw new Error('publish-reference needs a file')
        const { kind, version } = await publishReference(db, file, now)
        console.log(`Published ${kind} ${version}.`)
        return 0
      }
      case 'print-before-registration': {
        if (!values.branch || !['yes', 'no'].includes(values.allowed ?? ''))
          throw new Error('print-before-registration needs --branch and --allowed yes|no')
        await setPrintBeforeRegistration(db, values.branch, values.allowed === 'yes')
        console.log(
          `Branch ${values.branch.toUpperCase()}: printing before registration ${values.allowed === 'yes' ? 'allowed' : 'not allowed'}.`,
        )
        return 0
      }
      case 'import': {
        const file = positionals[0]
        if (!file || !values.answer) throw new Error('import needs <bundle> --answer <answer-file>')
        const { importBundleFile } = await import('./bundles')
        const summary = await importBundleFile(db, config, file, values.answer, now)
        console.log(
          `Bundle from device ${summary.deviceId}: ${summary.changes} changes (${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.conflicts} conflicts, ${summary.deferred} deferred), ${summary.blobs} files. Answer written to ${values.answer}.`,
        )
        return 0
      }
      case 'publish-update': {
        const file = positionals[0]
        if (!file) throw new Error('publish-update needs an installer file')
        const { publishUpdate } = await import('./updates')
        const r = await publishUpdate(
          db,
          config.blobDir,
          file,
          {
            ...(values.channel ? { channel: values.channel } : {}),
            ...(values.version ? { version: values.version } : {}),
          },
          now,
        )
        for (const f of r.files)
          console.log(
            `${f.alreadyPublished ? 'Already published' : 'Published'} ${f.name} (${f.size} bytes${f.inFeed ? `, sha512 ${f.sha512}` : ''}).`,
          )
        console.log(`Version ${r.version} for ${r.platform} is offered on channel ${r.channel}.`)
        return 0
      }
      case 'update-cap': {
        if (!values.branch || !values.version) throw new Error('update-cap needs --branch and --version <x.y.z>|none')
        const { setUpdateCap } = await import('./updates')
        await setUpdateCap(db, values.branch, values.version === 'none' ? null : values.version)
        console.log(
          values.version === 'none'
            ? `Branch ${values.branch.toUpperCase()}: no update cap.`
            : `Branch ${values.branch.toUpperCase()}: offered nothing newer than ${values.version}.`,
        )
        return 0
      }
      case 'verify': {
        if (!positionals[0]) throw new Error("verify needs <file.pdf> or the QR code's text")
        const { verifyCommand } = await import('./verifyCommand')
        const { code, lines } = await verifyCommand(db, positionals[0])
        for (const line of lines) console.log(line)
        return code
      }
      case 'report': {
        const { reportCommand } = await import('./reportCommand')
        const message = await reportCommand(db, positionals[0], values, now)
        if (message) console.log(message)
        return 0
      }
      case 'updates': {
        const { listReleases } = await import('./updates')
        for (const r of await listReleases(db))
          console.log([r.channel, r.platform, r.version, r.files.join(', ')].join('  '))
        return 0
      }
      default:
        console.error(USAGE)
        return 2
    }
  } finally {
    await db.destroy()
  }
}

async function serve(config: ReturnType<typeof loadConfig>): Promise<number> {
  const db = await openHqDatabase(config.database, { poolMax: config.dbPoolMax })
  const app = await buildServer({ db, config })
  const { startRegistrationWorker } = await import('./registrationWorker')
  const worker = startRegistrationWorker(db, config.registerIntervalMs, app.log, undefined, config.registerClaimMs)
  // The limits and timeouts in force, so an operator sees what a refused client ran into (hq/config.ts).
  app.log.info({ database: config.database.client, blobDir: config.blobDir, limits: config.limits }, 'HQ starting')
  await app.listen({ host: config.host, port: config.port })
  const stop = async () => {
    worker.stop()
    await app.close()
    await db.destroy()
    process.exit(0)
  }
  process.once('SIGTERM', () => void stop())
  process.once('SIGINT', () => void stop())
  return new Promise<number>(() => undefined)
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || (process.argv[2] !== undefined && process.argv[2] !== 'serve')) process.exit(code)
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
