/**
 * Where a point falls on the picture itself, as fractions of its width and height. The video
 * is letterboxed (`object-fit: contain`), so the bars around the picture are left out; a point
 * on a bar gives null.
 */
export function contentFraction(
  video: { getBoundingClientRect(): DOMRect; videoWidth: number; videoHeight: number },
  clientX: number,
  clientY: number,
): { x: number; y: number } | null {
  const box = video.getBoundingClientRect()
  if (!video.videoWidth || !video.videoHeight || box.width === 0 || box.height === 0) return null
  const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight)
  const width = video.videoWidth * scale
  const height = video.videoHeight * scale
  const x = (clientX - box.left - (box.width - width) / 2) / width
  const y = (clientY - box.top - (box.height - height) / 2) / height
  if (x < 0 || x > 1 || y < 0 || y > 1) return null
  return { x, y }
}
