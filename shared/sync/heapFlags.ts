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

/**
 * HQ's flags: the above, and a fixed old-generation growing factor of 2 (`--heap-growing-percent=100`: after a full
 * GC the next comes when the old generation has doubled). bench:sync's photo step after its contracts step, HQ with
 * `--trace-gc`: with V8's dynamic factor HQ ran a full GC every 2–3 MB of old-generation growth ("GC in old space
 * requested", ~35 MB live): 21 of them while 400 MB of photos arrived, and HQ's CPU per 100 MB received was 720–825
 * ms against the raw upload server's 230–275; with the fixed factor none ran, HQ's CPU was 320 ms per 100 MB and the
 * app's upload went 149–173 → 282–308 MB/s (decision 121). HQ's heap may hold up to twice its live size between full
 * GCs: tens of MB here. The core's host keeps V8's own factor (a desktop's memory; not measured there).
 */
export const HQ_HEAP_FLAGS: readonly string[] = [...SYNC_HEAP_FLAGS, '--heap-growing-percent=100']
