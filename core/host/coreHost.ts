import { toWireError, type FromHost, type HostPort, type ToHost } from './protocol'
import { runHost } from './runHost'

/**
 * Entry of the core's own process: an Electron utilityProcess in the app (built as out/main/coreHost.js), a
 * Node child (`child_process.fork`, core/host/forkHost.ts) in tests, the bench and the smoke test. Whichever it
 * is, the database, PDFs, photos and sync run here and never on the main process's thread.
 */
interface ParentPort {
  on(event: 'message', listener: (event: { data: ToHost }) => void): void
  postMessage(message: FromHost): void
}

function portOfThisProcess(): HostPort {
  // Electron's utilityProcess adds `process.parentPort`; Node's types do not know it.
  const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      // Electron ends a utility process with the app; a stand-in built on a Node fork has a channel to lose.
      onDisconnect: (listener) => {
        if (process.send) process.once('disconnect', listener)
      },
    }
  }
  if (process.send) {
    return {
      send: (message) => {
        if (process.connected) process.send!(message)
      },
      onMessage: (listener) => process.on('message', (message) => listener(message as ToHost)),
      onDisconnect: (listener) => process.once('disconnect', listener),
    }
  }
  throw new Error('coreHost runs as a child process (utilityProcess or fork), not on its own')
}

const port = portOfThisProcess()
// An unawaited rejection inside the core is a bug to log, not a reason to drop every window's session.
process.on('unhandledRejection', (reason) => {
  port.send({ type: 'log', message: 'Unhandled rejection in the core', error: toWireError(reason) })
})
runHost(port, { exit: (code) => process.exit(code) })
