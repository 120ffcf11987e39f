// The web Console's app shell works offline: pages and assets come from the network when it
// answers and from this cache when it does not. Hub data (/api, /ws) is never cached here:
// the Console keeps its own copy in IndexedDB.
const cacheName = 'firstline-shell-v1'

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  const isHubData = url.pathname.startsWith('/api/') || url.pathname === '/ws' || url.pathname === '/health'
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || isHubData) return
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone()
          event.waitUntil(caches.open(cacheName).then((cache) => cache.put(event.request, copy)))
        }
        return response
      })
      .catch(() => caches.match(event.request, { ignoreVary: true }).then((cached) => cached ?? Response.error())),
  )
})
