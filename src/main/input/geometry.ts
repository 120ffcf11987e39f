/** A display as Electron's screen API reports it: bounds in device-independent pixels. */
export interface DisplayGeometry {
  bounds: { x: number; y: number; width: number; height: number }
  scaleFactor: number
}

export interface Point {
  x: number
  y: number
}

/**
 * The display's rectangle in the coordinates the injection library moves the pointer in. X11 and
 * Windows take physical pixels (the screen API's bounds times the scale factor); macOS takes
 * points, which are the bounds as they are.
 */
export function physicalRect(display: DisplayGeometry, platform: NodeJS.Platform): DisplayGeometry['bounds'] {
  const scale = platform === 'darwin' ? 1 : display.scaleFactor
  return {
    x: Math.round(display.bounds.x * scale),
    y: Math.round(display.bounds.y * scale),
    width: Math.round(display.bounds.width * scale),
    height: Math.round(display.bounds.height * scale),
  }
}

/**
 * Maps a position given as fractions of the shared display onto a pixel of that display. A
 * fraction of 1 lands on the last pixel, never on the neighbouring display.
 */
export function toScreenPoint(display: DisplayGeometry, fx: number, fy: number, platform: NodeJS.Platform): Point {
  const rect = physicalRect(display, platform)
  const along = (fraction: number, size: number) => Math.min(Math.floor(fraction * size), size - 1)
  return { x: rect.x + along(fx, rect.width), y: rect.y + along(fy, rect.height) }
}
