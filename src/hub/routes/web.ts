import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'

const faviconFile = fileURLToPath(new URL('../../../resources/favicon.ico', import.meta.url))

/** Serves the web builds: the Console at `/`, Get Help at `/gethelp`, and the icon browsers ask for. */
export const webRoutes =
  (webDir: string): FastifyPluginAsync =>
  async (app) => {
    // Every page load asks for it; read once, so the answer costs nothing.
    const favicon = readFileSync(faviconFile)
    app.get('/favicon.ico', (_request, reply) =>
      reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(favicon),
    )
    if (!existsSync(`${webDir}/console.html`)) {
      app.log.warn(`no web build in ${webDir}: run "npm run build" to serve the web Console`)
      return
    }
    await app.register(fastifyStatic, { root: webDir, index: false, wildcard: false, prefix: '/' })
    app.get('/', (_request, reply) => reply.type('text/html').sendFile('console.html'))
    app.get('/gethelp', (_request, reply) => reply.type('text/html').sendFile('gethelp.html'))
  }
