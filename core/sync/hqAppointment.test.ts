import { describe, expect, it } from 'vitest'
import { HqBusy, HqClient, type Fetch } from './hqClient'

/**
 * Decision 88: a busy answer (503 hq-busy) carries an appointment (x-hq-appointment); the device sends it back with
 * the same request, so HQ lets it in ahead of newcomers instead of refusing it again.
 */
describe('HqClient and HQ’s appointments', () => {
  const busy = (retryAfter: string, appointment?: string) =>
    new Response(JSON.stringify({ error: { code: 'hq-busy', message: 'HQ is busy' } }), {
      status: 503,
      headers: {
        'content-type': 'application/json',
        'retry-after': retryAfter,
        ...(appointment ? { 'x-hq-appointment': appointment } : {}),
      },
    })
  const ok = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

  /** A fake HQ answering from a script; records each request's path and appointment header. */
  function scripted(answers: Response[]) {
    const sent: Array<{ path: string; appointment: string | null; index: string | null }> = []
    const fetchFn = (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
      const headers = new Headers(init?.headers)
      sent.push({
        path: url.pathname,
        appointment: headers.get('x-hq-appointment'),
        index: headers.get('x-push-index'),
      })
      const next = answers.shift()
      if (!next) throw new Error('no answer scripted')
      return next
    }) as Fetch
    const slept: number[] = []
    const client = new HqClient({
      baseUrl: 'http://hq.test',
      token: 't',
      fetch: fetchFn,
      sleep: async (ms) => void slept.push(ms),
    })
    return { client, sent, slept }
  }

  it('sends each refusal’s appointment back with the same request, and none with the next request', async () => {
    const { client, sent, slept } = scripted([
      busy('2', 'a1.tok-1'),
      // An HQ instance that did not honour it (another key) answers busy again with its own.
      busy('1', 'a1.tok-2'),
      ok({ results: [], serverTime: new Date().toISOString() }),
      ok({ items: [], cursor: '0', more: false }),
    ])
    await client.push([], { run: '018f0000-0000-7000-8000-000000000000', index: 0 })
    await client.pull('0', 10)
    expect(sent).toEqual([
      { path: '/v1/push', appointment: null, index: '0' },
      { path: '/v1/push', appointment: 'a1.tok-1', index: '0' },
      { path: '/v1/push', appointment: 'a1.tok-2', index: '0' },
      { path: '/v1/pull', appointment: null, index: null },
    ])
    expect(slept).toEqual([2000, 1000])
  })

  it('an HQ that gives no appointment (an earlier version) gets the same request again without one', async () => {
    const { client, sent } = scripted([busy('1'), ok({ items: [], cursor: '0', more: false })])
    await client.pull('0', 10)
    expect(sent.map((s) => s.appointment)).toEqual([null, null])
  })

  it('a busy answer that ends the run keeps its appointment on the error', async () => {
    const { client } = scripted([busy('40', 'a1.late')])
    const failure = await client.pull('0', 10).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(HqBusy)
    expect(failure).toMatchObject({ status: 503, appointment: 'a1.late', retryAfterMs: 40_000 })
  })
})
