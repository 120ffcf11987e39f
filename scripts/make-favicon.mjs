// Draws resources/favicon.ico (16, 32 and 48 px) from the same shapes as resources/icon.svg:
// a blue rounded square with a white ring and four yellow spokes. Run: node scripts/make-favicon.mjs
import { writeFileSync } from 'node:fs'

const blue = [0x1f, 0x5f, 0xbf]
const white = [0xff, 0xff, 0xff]
const yellow = [0xf2, 0xb7, 0x05]

/** The colour at a point of the 64×64 design, or null outside the rounded square. */
function colourAt(x, y) {
  const r = 14
  const cx = Math.min(Math.max(x, r), 64 - r)
  const cy = Math.min(Math.max(y, r), 64 - r)
  if (Math.hypot(x - cx, y - cy) > r) return null
  const spoke =
    (Math.abs(x - 32) <= 4 && ((y >= 12 && y <= 22) || (y >= 42 && y <= 52))) ||
    (Math.abs(y - 32) <= 4 && ((x >= 12 && x <= 22) || (x >= 42 && x <= 52)))
  if (spoke) return yellow
  const d = Math.hypot(x - 32, y - 32)
  if (d >= 16 && d <= 24) return white
  return blue
}

/** One icon image as a 32-bit BMP (bottom-up BGRA, then an empty AND mask), 4×4 samples per pixel. */
function bitmap(size) {
  const rowMask = Math.ceil(size / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8)
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(size * size * 4 + rowMask * size, 20)
  const pixels = Buffer.alloc(size * size * 4)
  const n = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0]
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt(((px + (sx + 0.5) / n) * 64) / size, ((py + (sy + 0.5) / n) * 64) / size)
          if (!c) continue
          r += c[0]
          g += c[1]
          b += c[2]
          a += 1
        }
      }
      const offset = ((size - 1 - py) * size + px) * 4
      if (a > 0) {
        pixels[offset] = Math.round(b / a)
        pixels[offset + 1] = Math.round(g / a)
        pixels[offset + 2] = Math.round(r / a)
      }
      pixels[offset + 3] = Math.round((a / (n * n)) * 255)
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(rowMask * size)])
}

const sizes = [16, 32, 48]
const images = sizes.map(bitmap)
const directory = Buffer.alloc(6 + 16 * sizes.length)
directory.writeUInt16LE(1, 2)
directory.writeUInt16LE(sizes.length, 4)
let offset = directory.length
sizes.forEach((size, i) => {
  const entry = 6 + 16 * i
  directory.writeUInt8(size, entry)
  directory.writeUInt8(size, entry + 1)
  directory.writeUInt16LE(1, entry + 4)
  directory.writeUInt16LE(32, entry + 6)
  directory.writeUInt32LE(images[i].length, entry + 8)
  directory.writeUInt32LE(offset, entry + 12)
  offset += images[i].length
})
writeFileSync(new URL('../resources/favicon.ico', import.meta.url), Buffer.concat([directory, ...images]))
