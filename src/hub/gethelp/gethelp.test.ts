import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtureSnapshot, withData } from '@shared/diagnostics/fixtures'
import { findingsFor } from '@shared/diagnostics/findings'
import { parseSnapshot } from '@shared/diagnostics/snapshot'
import { findingsInputOf, type GetHelpReceipt } from '@shared/gethelp'
import type { TimelineEvent } from '@shared/tickets/events'
import { demoEnrolmentCode } from '../enrolment/demo'
import { Realtime } from '../realtime'
import { buildApp } from '../server'
import { seedDemoOrganisation } from '../seed'
import { migrate } from '../storage/migrate'
import { testBackends } from '../storage/testDatabases'

function fullDisk() {
  return withData(fixtureSnapshot(), 'hardware', 'fileSystems', [
    {
      fs: '/dev/sda1',
      type: 'ext4',
      mount: '/',
      sizeBytes: 100e9,
      usedBytes: 97e9,
      availableBytes: 3e9,
      usePercent: 97,
    },
  ])
}

for (const backend of testBackends()) {
  describe(`Get Help requests on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let agentToken: string
    const count = async (table: string) =>
      (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n
    // Each test sends from an address of its own, so the per-address limit on new requests stays out of the way.
    let enrolment: string
    const send = (body: unknown, remoteAddress = '127.0.0.1') =>
      app.inject({
        method: 'POST',
        url: '/api/gethelp/requests',
        payload: { enrolment, ...(body as object) },
        remoteAddress,
      })
    const request = (diagnostics: unknown) => ({
      requestKey: randomUUID(),
      requester: { name: 'Jana Nowak', email: null },
      description: 'My laptop says the disk is full\nI cannot save files',
      category: 'hardware',
      missingDevices: null,
      diagnostics,
    })

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      const logins = await seedDemoOrganisation(db)
      enrolment = await demoEnrolmentCode(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      const agent = logins.find((l) => l.role === 'agent')!
      agentToken = (
        await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: agent.email, password: agent.password },
        })
      ).json<{ token: string }>().token
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('files a numbered Get Help ticket with its diagnostics, tagged by the findings', async () => {
      const response = await send(request({ kind: 'desktop', snapshot: fullDisk() }))
      expect(response.statusCode).toBe(200)
      const receipt = response.json<GetHelpReceipt>()
      expect(receipt.ticketNumber).toBeGreaterThan(0)
      const auth = { authorization: `Bearer ${agentToken}` }
      const ticket = (
        await app.inject({ method: 'GET', url: `/api/tickets/${receipt.ticketId}`, headers: auth })
      ).json<{
        ticket: { channel: string; subject: string; tags: string[]; requester: { name: string } }
        events: Array<{ type: string; author: { kind: string } }>
      }>()
      expect(ticket.ticket).toMatchObject({
        channel: 'gethelp',
        subject: 'My laptop says the disk is full',
        requester: { name: 'Jana Nowak' },
      })
      expect(ticket.ticket.tags).toContain('disk-full')
      expect(ticket.events.map((e) => [e.type, e.author.kind])).toEqual([
        ['created', 'requester'],
        ['diagnostics_attached', 'requester'],
      ])
      const diagnostics = (
        await app.inject({ method: 'GET', url: `/api/tickets/${receipt.ticketId}/diagnostics`, headers: auth })
      ).json<Array<{ upload: { kind: string; snapshot: unknown } }>>()
      expect(diagnostics).toHaveLength(1)
      expect(diagnostics[0]!.upload).toEqual({ kind: 'desktop', snapshot: fullDisk() })
    })

    it("carries the device the user misses to the Console, whose findings then name it as Get Help's preview did", async () => {
      const response = await send({
        ...request({ kind: 'desktop', snapshot: fixtureSnapshot() }),
        missingDevices: 'Samsung Bildschirm',
      })
      const receipt = response.json<GetHelpReceipt>()
      const auth = { authorization: `Bearer ${agentToken}` }
      const { events } = (
        await app.inject({ method: 'GET', url: `/api/tickets/${receipt.ticketId}`, headers: auth })
      ).json<{ events: TimelineEvent[] }>()
      const diagnostics = (
        await app.inject({ method: 'GET', url: `/api/tickets/${receipt.ticketId}/diagnostics`, headers: auth })
      ).json<Array<{ upload: { kind: 'desktop'; snapshot: unknown } }>>()
      const snapshot = parseSnapshot(diagnostics[0]!.upload.snapshot)
      if (!snapshot.ok) throw new Error(snapshot.error)
      const console = findingsFor(snapshot.value, findingsInputOf(events)).map((f) => f.title.en)
      const preview = findingsFor(fixtureSnapshot(), { missingDevices: 'Samsung Bildschirm' }).map((f) => f.title.en)
      expect(console).toContain('"Samsung Bildschirm" is not detected')
      expect(console).toEqual(preview)
    })

    it('refuses bad snapshots with a clear error and creates nothing', async () => {
      const before = [await count('tickets'), await count('diagnostics')]
      const wrongVersion = await send(request({ kind: 'desktop', snapshot: { ...fullDisk(), version: 99 } }))
      expect(wrongVersion.statusCode).toBe(400)
      expect(wrongVersion.json()).toMatchObject({
        error: 'invalid_snapshot',
        message: expect.stringMatching(/unsupported version 99/),
      })
      const malformed = await send(request({ kind: 'desktop', snapshot: { version: 1, groups: 'nope' } }))
      expect(malformed.json()).toMatchObject({ error: 'invalid_snapshot' })
      const oversize = await send(
        request({ kind: 'desktop', snapshot: { ...fullDisk(), padding: 'x'.repeat(540 * 1024) } }),
      )
      expect(oversize.statusCode).toBe(413)
      expect(oversize.json()).toMatchObject({ error: 'snapshot_too_large' })
      const noDescription = await send({ ...request(null), description: '   ' })
      expect(noDescription.statusCode).toBe(400)
      expect(noDescription.json<{ message: string }>().message).toMatch(/describe the problem/)
      expect([await count('tickets'), await count('diagnostics')]).toEqual(before)
    })

    it('lets the agent ask for fresh diagnostics, which only the requesting client can add', async () => {
      const receipt = (
        await send(
          request({
            kind: 'browser',
            info: {
              userAgent: 'Chromium',
              language: 'de-DE',
              timeZone: 'Europe/Berlin',
              screen: { width: 1920, height: 1080, pixelRatio: 1 },
              online: true,
            },
          }),
        )
      ).json<GetHelpReceipt>()
      const status = () =>
        app.inject({
          method: 'GET',
          url: `/api/gethelp/requests/${receipt.ticketId}`,
          headers: { authorization: `Bearer ${receipt.followUpToken}` },
        })
      expect((await status()).json()).toMatchObject({
        ticketNumber: receipt.ticketNumber,
        status: 'new',
        freshDiagnosticsRequested: false,
      })
      const ask = await app.inject({
        method: 'POST',
        url: `/api/tickets/${receipt.ticketId}/diagnostics/request`,
        headers: { authorization: `Bearer ${agentToken}` },
      })
      expect(ask.statusCode).toBe(204)
      expect((await status()).json()).toMatchObject({ freshDiagnosticsRequested: true })

      const upload = { kind: 'desktop', snapshot: fixtureSnapshot() }
      const stranger = await app.inject({
        method: 'POST',
        url: `/api/gethelp/requests/${receipt.ticketId}/diagnostics`,
        headers: { authorization: `Bearer ${'z'.repeat(43)}` },
        payload: upload,
      })
      expect(stranger.statusCode).toBe(404)
      const added = await app.inject({
        method: 'POST',
        url: `/api/gethelp/requests/${receipt.ticketId}/diagnostics`,
        headers: { authorization: `Bearer ${receipt.followUpToken}` },
        payload: upload,
      })
      expect(added.statusCode).toBe(204)
      expect((await status()).json()).toMatchObject({ freshDiagnosticsRequested: false })
      const list = (
        await app.inject({
          method: 'GET',
          url: `/api/tickets/${receipt.ticketId}/diagnostics`,
          headers: { authorization: `Bearer ${agentToken}` },
        })
      ).json<unknown[]>()
      expect(list).toHaveLength(2)
    })

    it('answers a retried request with the first ticket and its follow-up secret, and files it once', async () => {
      const before = [await count('tickets'), await count('diagnostics')]
      const body = request({ kind: 'desktop', snapshot: fullDisk() })
      const first = await send(body, '127.0.0.2')
      expect(first.statusCode).toBe(200)
      // The answer was lost on the way; the client sends the same submission again.
      const again = await send(body, '127.0.0.2')
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual(first.json())
      expect([await count('tickets'), await count('diagnostics')]).toEqual([before[0]! + 1, before[1]! + 1])
      const receipt = again.json<GetHelpReceipt>()
      const status = await app.inject({
        method: 'GET',
        url: `/api/gethelp/requests/${receipt.ticketId}`,
        headers: { authorization: `Bearer ${receipt.followUpToken}` },
      })
      expect(status.json()).toMatchObject({ ticketNumber: receipt.ticketNumber })
      // A new submission is a new ticket.
      const other = await send(request(null), '127.0.0.2')
      expect(other.json<GetHelpReceipt>().ticketId).not.toBe(receipt.ticketId)
    })

    it('files one ticket for the same request sent twice at the same moment', async () => {
      const before = await count('tickets')
      const body = request(null)
      const [a, b] = await Promise.all([send(body, '127.0.0.3'), send(body, '127.0.0.3')])
      expect([a.statusCode, b.statusCode]).toEqual([200, 200])
      expect(a.json()).toEqual(b.json())
      expect(await count('tickets')).toBe(before + 1)
    })

    it('refuses a malformed idempotency key and files nothing', async () => {
      const before = await count('tickets')
      const refused = await send({ ...request(null), requestKey: 'again' }, '127.0.0.4')
      expect(refused.statusCode).toBe(400)
      expect(refused.json<{ message: string }>().message).toMatch(/requestKey must be a uuid/)
      expect(await count('tickets')).toBe(before)
    })
  })
}
