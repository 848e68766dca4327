/**
 * pdfmake 0.3 ships no type declarations. These cover only the server-side API the engine uses
 * (node_modules/pdfmake/src/index.js, base.js, OutputDocument.js); the document shape is typed in docDefinition.ts.
 */
declare module 'pdfmake' {
  interface FontDescriptor {
    normal: string
    bold: string
    italics: string
    bolditalics: string
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>
    /** The pdfkit document itself (used to measure text with the same fonts). */
    getStream(): Promise<PdfKitDocument>
  }
  interface PdfKitDocument {
    font(src: string, size?: number): PdfKitDocument
    fontSize(size: number): PdfKitDocument
    widthOfString(text: string): number
    currentLineHeight(includeGap?: boolean): number
  }
  interface PdfMake {
    setFonts(fonts: Record<string, FontDescriptor>): void
    setUrlAccessPolicy(policy: (url: string) => boolean): void
    setLocalAccessPolicy(policy: (path: string) => boolean): void
    createPdf(docDefinition: object, options?: object): OutputDocument
  }
  const pdfmake: PdfMake
  export default pdfmake
}

declare module 'pdfmake/fonts/Roboto.js' {
  const fonts: { Roboto: { normal: string; bold: string; italics: string; bolditalics: string } }
  export default fonts
}

declare module 'pdfmake/js/qrEnc.js' {
  const qrEncoder: { measure(node: { qr: string; fit?: number; eccLevel?: 'L' | 'M' | 'Q' | 'H' }): object }
  export default qrEncoder
}
