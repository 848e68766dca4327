// CommonJS face of the recording stand-in for dependencies that `require('electron')`: the same objects the ESM
// stand-in (electronStandIn.ts) exports, taken from the recorder it keeps on globalThis.
const state = globalThis.__electronStandIn
if (!state) throw new Error('electron stand-in: register.mjs must load electronStandIn.ts first')
module.exports = state.exports
