import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs'
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'

/**
 * pdf.js under the app's CSP (`script-src 'self'`, no eval, no blob: workers): the worker is a file bundled with
 * the app and started here as a module worker, handed to pdf.js as a port so it never builds a worker of its
 * own from a blob. The legacy build carries polyfills for the Chromium the app ships with.
 */
let worker: Worker | null = null

function ensureWorker(): void {
  if (worker) return
  worker = new Worker(workerUrl, { type: 'module', name: 'pdfjs' })
  GlobalWorkerOptions.workerPort = worker
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Opens a PDF the core made. Nothing is fetched: no eval, no wasm, no system fonts, no XFA. */
export function openPdf(base64: string): Promise<PDFDocumentProxy> {
  ensureWorker()
  return getDocument({
    data: base64ToBytes(base64),
    isEvalSupported: false,
    useWasm: false,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: true,
  }).promise
}

export type { PDFDocumentProxy }
