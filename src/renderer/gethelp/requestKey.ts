/** A v4 uuid; `crypto.randomUUID` exists only on secure origins, and the web page may be served over plain http. */
export function newRequestKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The idempotency key of a request being sent, kept under `storageKey` until its answer arrives
 * (also across a restart), so every retry of it sends the same key and the hub acts on it once.
 * The caller removes it once the answer is in.
 */
export function pendingRequestKey(storageKey: string): string {
  const stored = localStorage.getItem(storageKey)
  if (stored) return stored
  const key = newRequestKey()
  localStorage.setItem(storageKey, key)
  return key
}
