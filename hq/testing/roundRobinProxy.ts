import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * A load balancer for tests: an HTTP proxy in front of several HQ instances that sends each request to the next
 * instance in turn (per request, not per connection: a device keeps one keep-alive connection, and a balancer
 * that pinned it to one instance would hide what several instances share). Bodies are streamed both ways, so a
 * chunk of an upload reaches the instance as it is sent. It records which instance got which request.
 */
export interface RoundRobinProxy {
  url: string
  /** Every request forwarded: the instance's index, method and path (without the query). */
  readonly seen: ReadonlyArray<{ upstream: number; method: string; path: string }>
  close(): Promise<void>
}

export async function startRoundRobinProxy(upstreams: readonly string[]): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('a round-robin proxy needs at least one upstream')
  const agent = new Agent({ keepAlive: true })
  const seen: Array<{ upstream: number; method: string; path: string }> = []
  let next = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const upstream = next++ % upstreams.length
    const target = new URL(req.url ?? '/', upstreams[upstream])
    seen.push({ upstream, method: req.method ?? 'GET', path: target.pathname })
    const forward = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    // A client that goes away mid-request takes the upstream request with it (as a real balancer does).
    req.on('close', () => {
      if (!req.complete) forward.destroy()
    })
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end()
      else res.destroy()
    })
    req.pipe(forward)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        agent.destroy()
        server.close(() => r())
      }),
  }
}
