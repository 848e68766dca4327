import type { ContentNode } from '../../print/docDefinition'

/**
 * pdfmake node kinds the shared DocDefinition does not type yet: an embedded image (a data URL — the engine's
 * access policy allows no file or URL) and inline SVG. Kept here, with the one cast, until docDefinition.ts
 * gets them.
 */
export function imageNode(dataUrl: string, fit: [number, number], extra: Partial<ContentNode> = {}): ContentNode {
  return { image: dataUrl, fit, ...extra } as ContentNode
}

export function svgNode(svg: string, width: number, extra: Partial<ContentNode> = {}): ContentNode {
  return { svg, width, ...extra } as ContentNode
}
