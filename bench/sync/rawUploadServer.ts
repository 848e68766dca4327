import { createWriteStream } from 'node:fs'
import { createServer } from 'node:http'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'

/**
 * The baseline of the photo bench: the plainest Node upload server. `PUT /<name>` streams the request body into
 * `<dir>/<name>`, fsyncs the file once and answers 201. No auth, no database, no hashing — what the machine's
 * loopback and disk allow. Run as its own process, like HQ, so both sides of the comparison get the same cores.
 *
 *   node --import tsx bench/sync/rawUploadServer.ts <dir>   → prints the port on stdout
 */
const dir = process.argv[2]
if (!dir) throw new Error('usage: rawUploadServer.ts <dir>')

const server = createServer((req, res) => {
  const name = (req.url ?? '').slice(1)
  if (req.method !== 'PUT' || !/^[\w.-]+$/.test(name)) {
    res.writeHead(400).end()
    return
  }
  // `flush`: the file is fsynced once, before it is closed (Node ≥ 20.10).
  pipeline(req, createWriteStream(join(dir, name), { flush: true })).then(
    () => res.writeHead(201).end(),
    (e: unknown) => res.writeHead(500).end(String(e)),
  )
})
server.listen(0, '127.0.0.1', () => {
  const a = server.address()
  process.stdout.write(`${typeof a === 'object' && a ? a.port : 0}\n`)
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
