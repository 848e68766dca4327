import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy in front of HQ that can drop the connection in the middle of a request: once armed, it forwards
 * the client's bytes until `cutAfterBytes` more have passed (on any connection), then destroys both sides — a cable pulled mid-upload.
 */
export interface CutProxy {
  url: string
  arm(cutAfterBytes: number): void
  /** Bytes forwarded upstream between arming and the cut. */
  cutAt(): number
  close(): Promise<void>
}

export async function startCutProxy(target: { host: string; port: number }): Promise<CutProxy> {
  let armed: number | null = null
  let lastCut = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host)
    sockets.add(client)
    sockets.add(upstream)
    client.on('data', (chunk: Buffer) => {
      if (armed !== null && chunk.length > armed) {
        upstream.write(chunk.subarray(0, armed))
        lastCut += armed
        armed = null
        client.destroy()
        upstream.destroy()
        return
      }
      if (armed !== null) {
        armed -= chunk.length
        lastCut += chunk.length
      }
      upstream.write(chunk)
    })
    upstream.on('data', (chunk: Buffer) => client.write(chunk))
    const end = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('close', end)
    upstream.on('close', end)
    client.on('error', end)
    upstream.on('error', end)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    arm: (n) => {
      armed = n
      lastCut = 0
    },
    cutAt: () => lastCut,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}
