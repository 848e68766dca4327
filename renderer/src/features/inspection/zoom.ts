/** Zoom and pan of a photo pane: scale 1 shows the whole photo; x, y move it in screen pixels. */
export interface ZoomView {
  scale: number
  x: number
  y: number
}

export const FIT: ZoomView = { scale: 1, x: 0, y: 0 }
