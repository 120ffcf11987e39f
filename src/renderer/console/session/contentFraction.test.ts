import { describe, expect, it } from 'vitest'
import { contentFraction } from './contentFraction'

/** A 1600×1000 box on the page at (100, 50) showing a 1280×720 picture: bars above and below. */
const video = {
  videoWidth: 1280,
  videoHeight: 720,
  getBoundingClientRect: () => ({ left: 100, top: 50, width: 1600, height: 1000 }) as DOMRect,
}

describe('where a pointer falls on the letterboxed picture', () => {
  it('measures from the picture, not from the box around it', () => {
    // The picture is 1600×900, 50 px below the box's top edge.
    expect(contentFraction(video, 100, 100)).toEqual({ x: 0, y: 0 })
    expect(contentFraction(video, 100 + 400, 100 + 675)).toEqual({ x: 0.25, y: 0.75 })
    expect(contentFraction(video, 1700, 1000)).toEqual({ x: 1, y: 1 })
  })

  it('gives nothing on the bars or before the first frame', () => {
    expect(contentFraction(video, 500, 70)).toBeNull()
    expect(contentFraction(video, 500, 1040)).toBeNull()
    expect(contentFraction({ ...video, videoWidth: 0, videoHeight: 0 }, 500, 500)).toBeNull()
  })

  it('handles bars at the sides of a tall box', () => {
    const tall = { ...video, getBoundingClientRect: () => ({ left: 0, top: 0, width: 1000, height: 1000 }) as DOMRect }
    // The picture is 1000×562.5, centred vertically.
    expect(contentFraction(tall, 500, 500)).toEqual({ x: 0.5, y: 0.5 })
  })
})
