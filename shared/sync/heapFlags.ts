/**
 * V8 flags of the processes that sync (decision 114): the core's host (Electron's utilityProcess in the app, Node's
 * fork in the tests and the smoke test; bench:sync's devices run in the bench's own process, started with them by
 * its npm script) and HQ (`npm run hq`, and its process in tests and benches).
 *
 * A young generation of 64 MB per semi-space, Node 20's default being 16 MB: a pulled page or a pushed batch is
 * ~1–1.5 MB of JSON parsed into objects, written and dropped, and with the default it was scavenged several times
 * a page, each scavenge copying whatever of the page was still live. bench:sync, six runs each, the flag on both
 * sides: HQ's CPU per 1,000 pushed records median ~93 → ~74 ms, the device's per 1,000 pulled ~124 → ~112 ms. The
 * space is reserved address space, resident only as it fills.
 */
export const SYNC_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=64']
