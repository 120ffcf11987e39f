import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'

/** Serves the web builds: the Console at `/`, Get Help at `/gethelp`. */
export const webRoutes =
  (webDir: string): FastifyPluginAsync =>
  async (app) => {
    if (!existsSync(`${webDir}/console.html`)) {
      app.log.warn(`no web build in ${webDir}: run "npm run build" to serve the web Console`)
      return
    }
    await app.register(fastifyStatic, { root: webDir, index: false, wildcard: false, prefix: '/' })
    app.get('/', (_request, reply) => reply.type('text/html').sendFile('console.html'))
    app.get('/gethelp', (_request, reply) => reply.type('text/html').sendFile('gethelp.html'))
  }
