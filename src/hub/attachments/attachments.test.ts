import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Attachment } from '@shared/attachments/schema'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { createOrganisation } from '../storage/accounts'
import { migrate } from '../storage/migrate'
import { signedInAccount } from '../storage/testAccounts'
import { testBackends } from '../storage/testDatabases'
import { pushCommands } from '../tickets/service'
import { listEvents } from '../tickets/repository'

const deviceTime = '2026-11-29T09:00:00.000Z'
/** The smallest valid PNG: one transparent pixel. */
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)
const limits = { maxFileBytes: 64 * 1024, maxTicketBytes: 100 * 1024 }

for (const backend of testBackends()) {
  describe(`ticket attachments on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: FastifyInstance
    let anna: Awaited<ReturnType<typeof signedInAccount>>
    let olga: Awaited<ReturnType<typeof signedInAccount>>

    async function newTicket(account = anna): Promise<string> {
      const ticketId = randomUUID()
      const [result] = await pushCommands(db, account, [
        {
          type: 'create_ticket',
          commandId: randomUUID(),
          ticketId,
          baseVersion: null,
          deviceTime,
          payload: {
            subject: 'Screen flickers',
            description: 'Since the update',
            channel: 'phone',
            requester: { name: 'Jana Nowak', email: null, phone: null, device: null },
            type: 'incident',
            category: 'hardware',
            impact: 'low',
            urgency: 'low',
          },
        },
      ])
      expect(result).toMatchObject({ status: 'applied' })
      return ticketId
    }

    const upload = (
      ticketId: string,
      name: string,
      body: Buffer | string,
      as = anna,
      type = 'application/octet-stream',
    ) =>
      app.inject({
        method: 'POST',
        url: `/api/tickets/${ticketId}/attachments?name=${encodeURIComponent(name)}`,
        headers: { authorization: `Bearer ${as.token}`, 'content-type': type },
        payload: body,
      })
    const get = (url: string, as = anna) =>
      app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${as.token}` } })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const org = await createOrganisation(db, 'Contoso')
      const other = await createOrganisation(db, 'Fabrikam')
      anna = await signedInAccount(db, 'anna', 'agent', org.id)
      olga = await signedInAccount(db, 'olga', 'agent', other.id)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent', attachments: limits })
      await app.ready()
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('stores an upload with its sniffed type, checksum and uploader, and gives the same bytes back', async () => {
      const ticketId = await newTicket()
      const response = await upload(ticketId, 'screen.txt', png, anna, 'text/plain')
      expect(response.statusCode).toBe(201)
      const attachment = response.json<Attachment>()
      expect(attachment).toMatchObject({
        ticketId,
        fileName: 'screen.txt',
        contentType: 'image/png',
        size: png.length,
        previewable: true,
        source: 'upload',
        eventId: null,
        uploadedBy: { id: anna.id, name: 'anna' },
      })
      expect(attachment.sha256).toMatch(/^[0-9a-f]{64}$/)

      const download = await get(`/api/attachments/${attachment.id}/content`)
      expect(download.statusCode).toBe(200)
      expect(download.rawPayload.equals(png)).toBe(true)
      expect(download.headers['content-type']).toBe('image/png')
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="screen.txt"; filename*=UTF-8''screen.txt`,
      )
      expect(download.headers['x-content-type-options']).toBe('nosniff')
      expect(download.headers['content-security-policy']).toContain("default-src 'none'")
      expect(download.headers['content-security-policy']).toContain('sandbox')

      const preview = await get(`/api/attachments/${attachment.id}/preview`)
      expect(preview.statusCode).toBe(200)
      expect(preview.headers['content-type']).toBe('image/png')
      expect(preview.headers['content-disposition']).toMatch(/^inline;/)

      const list = await get(`/api/tickets/${ticketId}/attachments`)
      expect(list.json<{ attachments: Attachment[] }>().attachments.map((a) => a.id)).toEqual([attachment.id])
    })

    it('labels HTML dressed up as an image as HTML, never serves it inline and downloads it as opaque bytes', async () => {
      const ticketId = await newTicket()
      const html = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'
      const response = await upload(ticketId, '../../evil "photo".png', html, anna, 'image/png')
      expect(response.statusCode).toBe(201)
      const attachment = response.json<Attachment>()
      expect(attachment).toMatchObject({ contentType: 'text/html', previewable: false })
      expect(attachment.fileName).toBe('evil _photo_.png')

      const preview = await get(`/api/attachments/${attachment.id}/preview`)
      expect(preview.statusCode).toBe(415)
      const download = await get(`/api/attachments/${attachment.id}/content`)
      expect(download.statusCode).toBe(200)
      expect(download.headers['content-type']).toBe('application/octet-stream')
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="evil _photo_.png"/)
      expect(download.headers['x-content-type-options']).toBe('nosniff')

      const svg = await upload(ticketId, 'logo.png', '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>')
      expect(svg.json<Attachment>()).toMatchObject({ contentType: 'image/svg+xml', previewable: false })
    })

    it('refuses a file over the size limit, a ticket over its total and an empty file, storing nothing', async () => {
      const ticketId = await newTicket()
      const tooLarge = await upload(ticketId, 'big.bin', Buffer.alloc(limits.maxFileBytes + 1, 1))
      expect(tooLarge.statusCode).toBe(413)
      const empty = await upload(ticketId, 'empty.txt', Buffer.alloc(0))
      expect(empty.statusCode).toBe(400)
      expect((await upload(ticketId, 'a.bin', Buffer.alloc(60 * 1024, 2))).statusCode).toBe(201)
      const full = await upload(ticketId, 'b.bin', Buffer.alloc(60 * 1024, 3))
      expect(full.statusCode).toBe(409)
      expect(full.json()).toMatchObject({ error: 'ticket_full' })
      const list = await get(`/api/tickets/${ticketId}/attachments`)
      expect(list.json<{ attachments: Attachment[] }>().attachments.map((a) => a.fileName)).toEqual(['a.bin'])
      // An upload no reply took up within a week no longer holds the ticket's room.
      await db.query("update attachments set created_at = now() - interval '8 days' where ticket_id = $1", [ticketId])
      expect((await upload(ticketId, 'c.bin', Buffer.alloc(60 * 1024, 4))).statusCode).toBe(201)
      const after = await get(`/api/tickets/${ticketId}/attachments`)
      expect(after.json<{ attachments: Attachment[] }>().attachments.map((a) => a.fileName)).toEqual(['c.bin'])
    })

    it('keeps each organisation to its own tickets and files', async () => {
      const ticketId = await newTicket()
      const mine = (await upload(ticketId, 'notes.txt', 'VPN drops every 10 minutes')).json<Attachment>()
      expect(mine.contentType).toBe('text/plain')
      expect((await upload(ticketId, 'x.txt', 'hello', olga)).statusCode).toBe(404)
      expect((await get(`/api/tickets/${ticketId}/attachments`, olga)).statusCode).toBe(404)
      expect((await get(`/api/attachments/${mine.id}/content`, olga)).statusCode).toBe(404)
      expect((await get(`/api/attachments/${mine.id}/preview`, olga)).statusCode).toBe(404)
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/attachments/${mine.id}`,
        headers: { authorization: `Bearer ${olga.token}` },
      })
      expect(removed.statusCode).toBe(404)
      expect((await get(`/api/attachments/${mine.id}/content`)).statusCode).toBe(200)
      const anonymous = await app.inject({ method: 'GET', url: `/api/attachments/${mine.id}/content` })
      expect(anonymous.statusCode).toBe(401)
    })

    it('links attachments to the reply that carries them, once, and refuses another ticket’s files', async () => {
      const ticketId = await newTicket()
      const otherTicket = await newTicket()
      const file = (await upload(ticketId, 'log.txt', 'error 42')).json<Attachment>()
      const foreign = (await upload(otherTicket, 'other.txt', 'elsewhere')).json<Attachment>()
      const reply = (attachmentIds: string[], baseVersion: number) => ({
        type: 'add_note',
        commandId: randomUUID(),
        ticketId,
        baseVersion,
        deviceTime,
        payload: { visibility: 'public', body: 'Here is the log', attachmentIds },
      })
      const [refused] = await pushCommands(db, anna, [reply([file.id, foreign.id], 1)])
      expect(refused).toMatchObject({ status: 'rejected', error: 'unknown_attachment' })
      const [applied] = await pushCommands(db, anna, [reply([file.id], 1)])
      expect(applied).toMatchObject({ status: 'applied' })
      const events = await listEvents(db, anna.organisation.id, ticketId)
      const event = events.find((e) => e.type === 'public_reply')!
      expect(event.payload).toMatchObject({ attachmentIds: [file.id] })
      const listed = (await get(`/api/tickets/${ticketId}/attachments`)).json<{ attachments: Attachment[] }>()
      expect(listed.attachments[0]).toMatchObject({ id: file.id, eventId: event.id })
      const [again] = await pushCommands(db, anna, [reply([file.id], 2)])
      expect(again).toMatchObject({ status: 'rejected', error: 'unknown_attachment' })
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/attachments/${file.id}`,
        headers: { authorization: `Bearer ${anna.token}` },
      })
      expect(removed.statusCode).toBe(409)
    })
  })
}
