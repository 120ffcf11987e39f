export const shellCacheName = 'firstline-shell-v1'

/**
 * In a browser the Console registers a service worker so a reload without network still opens
 * the app (the data is in IndexedDB). The page and the assets it already loaded go into the
 * worker's cache right away, since they were fetched before the worker existed. Electron loads
 * its pages from disk and needs none of this.
 */
export async function enableOfflineShell(): Promise<void> {
  if (window.firstline || !('serviceWorker' in navigator) || window.location.protocol === 'file:') return
  try {
    // When the worker already served this page, it cached every file on the way: nothing to add.
    // Fetching them all again here would compete with the queue's first render on every start.
    const served = navigator.serviceWorker.controller !== null
    await navigator.serviceWorker.register('./sw.js', { scope: './' })
    if (served) return
    const loaded = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).origin === window.location.origin && !new URL(url).pathname.startsWith('/api/'))
    const cache = await caches.open(shellCacheName)
    // One by one: a single missing file must not keep the others out of the cache.
    await Promise.all([window.location.href, ...new Set(loaded)].map((url) => cache.add(url).catch(() => undefined)))
  } catch {
    // Without it the Console still works; only a reload while offline will not open it.
  }
}
