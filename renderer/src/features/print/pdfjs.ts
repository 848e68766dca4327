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

/**
 * Opens a PDF the core made, from the one-time file its preview answer names (`transfer/<uuid>.pdf`, relative to
 * the page: app://branch-desk/ in the app). The file is served once, so it is read whole in one request (no range
 * requests, no streaming). Nothing else is fetched: no eval, no wasm, no system fonts, no XFA.
 */
export function openPdf(url: string): Promise<PDFDocumentProxy> {
  ensureWorker()
  return getDocument({
    url,
    disableRange: true,
    disableStream: true,
    disableAutoFetch: true,
    isEvalSupported: false,
    useWasm: false,
    useSystemFonts: false,
    enableXfa: false,
    stopAtErrors: true,
  }).promise
}

export type { PDFDocumentProxy }
