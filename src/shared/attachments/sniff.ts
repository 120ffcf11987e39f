/** Raster images a browser shows without running anything; the only types served inline. */
export const previewableTypes: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/**
 * Types a browser may run script in or render as a page (HTML, SVG, XML and friends): they are
 * always served as `application/octet-stream` with an attachment disposition.
 */
const activeTypes =
  /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|application\/xml|text\/xml|text\/javascript|application\/javascript|application\/x-shockwave-flash)$/

export const isActiveType = (type: string): boolean => activeTypes.test(type)

/** Types safe to label as they are on a download; anything else goes out as octet-stream. */
const labelledTypes =
  /^(image\/(png|jpeg|gif|webp|bmp|tiff)|application\/(pdf|zip|gzip|x-7z-compressed|vnd\.[\w.+-]+)|text\/plain|text\/csv|audio\/[\w.+-]+|video\/[\w.+-]+)$/

export const downloadType = (type: string): string =>
  !isActiveType(type) && labelledTypes.test(type) ? type : 'application/octet-stream'

const markup = /^\s*(<!doctype\s+html|<html|<head|<body|<script|<iframe|<svg|<\?xml|<!--|<[a-z][\w-]*[\s>])/i

/**
 * Text files have no magic number: whatever binary signature detection did not name is looked at
 * here. Markup (however it is named) counts as HTML, SVG or XML; other UTF-8 without control bytes
 * is plain text; the rest is opaque bytes.
 */
export function sniffText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4096)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.length < bytes.length ? trimPartial(head) : head)
  } catch {
    return 'application/octet-stream'
  }
  const start = text.replace(/^\uFEFF/, '')
  if (markup.test(start)) {
    if (/<svg[\s>]/i.test(start)) return 'image/svg+xml'
    if (/^\s*<\?xml/i.test(start) && !/<html/i.test(start)) return 'application/xml'
    return 'text/html'
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000E-\u001F]/.test(start)) return 'application/octet-stream'
  return 'text/plain'
}

/** Cuts a UTF-8 sequence the 4 KiB window split in two, so the fatal decoder judges only whole characters. */
function trimPartial(head: Uint8Array): Uint8Array {
  const end = head.length
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back]!
    if ((byte & 0xc0) === 0xc0) return head.subarray(0, end - back)
    if ((byte & 0xc0) !== 0x80) break
  }
  return head
}

/**
 * A file name safe for a Content-Disposition header and any file system: no path, no control
 * characters, nothing a shell or Windows treats specially, at most 150 characters; never empty.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F<>:"|?*;]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 150)
  return cleaned || 'attachment'
}

/** `attachment; filename="ascii"; filename*=UTF-8''encoded` (RFC 6266), for any name. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const safe = safeFileName(name)
  const ascii = safe.replace(/[^\x20-\x7E]/g, '_').replace(/["\\%]/g, '_')
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
