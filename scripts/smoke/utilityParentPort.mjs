/**
 * Inside a process started by the stand-in's `utilityProcess.fork`: `process.parentPort` as Electron gives a
 * utility process — 'message' events carry `{ data }`, `postMessage` answers the parent. As with Electron's
 * port, messages wait until the child listens: the parent queues them until this shim says it is ready, and the
 * shim keeps them until the child's code adds its 'message' listener.
 */
import { EventEmitter } from 'node:events'

export const READY = '__electronStandInUtilityReady'

const parentPort = new EventEmitter()
const waiting = []
parentPort.postMessage = (message) => {
  if (process.connected) process.send(message)
}
parentPort.start = () => {}
parentPort.on('newListener', (event) => {
  if (event !== 'message' || waiting.length === 0) return
  queueMicrotask(() => {
    for (const data of waiting.splice(0)) parentPort.emit('message', { data, ports: [] })
  })
})
process.on('message', (data) => {
  if (parentPort.listenerCount('message') === 0) waiting.push(data)
  else parentPort.emit('message', { data, ports: [] })
})
Object.defineProperty(process, 'parentPort', { value: parentPort, configurable: true })
process.send({ [READY]: true })
