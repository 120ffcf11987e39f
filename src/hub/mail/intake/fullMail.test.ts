import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IntakeSettingsResponse } from '@shared/mail/settings'
import type { ReceivedMail } from '@shared/mail/inbound'
import { Realtime } from '../../realtime'
import { buildApp } from '../../server'
import { createSecretBox } from '../../signIn/secretBox'
import { createOrganisation } from '../../storage/accounts'
import { migrate } from '../../storage/migrate'
import { signedInAccount } from '../../storage/testAccounts'
import { testBackends } from '../../storage/testDatabases'
import { MailIntake } from '../imap/reader'
import { parseInbound } from './parse'
import { intakeMessage } from './service'

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name))
const raw = (headers: Record<string, string>, body: string) =>
  `${Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`

for (const backend of testBackends()) {
  describe(`received mail in full, and intake settings per organisation, on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    const tokens: Record<string, string> = {}
    const orgs: Record<string, string> = {}
    const secrets = createSecretBox(Buffer.alloc(32, 9))
    // The hub's defaults, as FIRSTLINE_MAIL_REOPEN_DAYS / FIRSTLINE_MAIL_NEW_TICKETS_PER_HOUR would set them.
    const hubDefaults = { reopenWindowDays: 10, newTicketsPerHour: 30 }

    async function api<T = unknown>(who: string, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
      const response = await app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tokens[who]}` },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      return { status: response.statusCode, body: response.json<T>() }
    }

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      orgs.a = (await createOrganisation(db, 'Desk A')).id
      orgs.b = (await createOrganisation(db, 'Desk B')).id
      for (const [key, role, org] of [
        ['adminA', 'admin', orgs.a],
        ['agentA', 'agent', orgs.a],
        ['specialistA', 'specialist', orgs.a],
        ['agentB', 'agent', orgs.b],
        ['adminB', 'admin', orgs.b],
      ] as const) {
        tokens[key] = (await signedInAccount(db, key, role, org)).token
      }
      app = await buildApp(db, new Realtime(), {
        webDir: '/nonexistent',
        logLevel: 'silent',
        secrets,
        mailIntake: new MailIntake(db, secrets, { settings: hubDefaults }),
      })
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    it('shows the whole received message with its From, To, Cc, Date and Subject, to its own organisation only', async () => {
      const message = await parseInbound(
        raw(
          {
            From: 'Anna Becker <anna@kunde.example>',
            To: 'Support <support@desk.example>',
            Cc: 'jonas@kunde.example',
            Date: 'Tue, 24 Nov 2026 16:20:00 +0100',
            Subject: 'Drucker druckt nicht',
            'Message-ID': '<full-1@kunde.example>',
          },
          'Der Drucker zeigt Papierstau.\n\n-- \nAnna Becker\nKunde GmbH',
        ),
      )
      const outcome = await intakeMessage(db, { organisationId: orgs.a!, message, position: null })
      if (outcome.kind !== 'new') throw new Error(outcome.kind)

      const listed = await api<{ eventIds: string[] }>('agentA', 'GET', `/api/tickets/${outcome.ticketId}/mail`)
      expect(listed).toEqual({ status: 200, body: { eventIds: [outcome.eventId] } })
      const url = `/api/tickets/${outcome.ticketId}/mail/${encodeURIComponent(outcome.eventId)}`
      const mine = await api<ReceivedMail>('agentA', 'GET', url)
      expect(mine.status).toBe(200)
      expect(mine.body).toMatchObject({
        from: 'Anna Becker <anna@kunde.example>',
        to: expect.stringContaining('support@desk.example') as unknown as string,
        cc: 'jonas@kunde.example',
        date: '2026-11-24T15:20:00.000Z',
        subject: 'Drucker druckt nicht',
        sender: 'anna@kunde.example',
      })
      // The signature the timeline entry cut is in the full text.
      expect(mine.body.text).toContain('Kunde GmbH')
      expect((await api('specialistA', 'GET', url)).status).toBe(200)

      // Another organisation's desk learns nothing about the ticket or its mail.
      expect(await api('agentB', 'GET', url)).toMatchObject({ status: 404 })
      expect(await api('agentB', 'GET', `/api/tickets/${outcome.ticketId}/mail`)).toEqual({
        status: 200,
        body: { eventIds: [] },
      })
      expect((await api('agentA', 'GET', `/api/tickets/not-a-ticket/mail`)).status).toBe(400)

      // The requester's reply: its entry is listed too, and its full text keeps the quote the entry cut.
      const reply = await intakeMessage(db, {
        organisationId: orgs.a!,
        message: await parseInbound(
          raw(
            {
              From: 'Anna Becker <anna@kunde.example>',
              To: 'support@desk.example',
              Subject: 'AW: Drucker druckt nicht',
              'Message-ID': '<full-2@kunde.example>',
              'In-Reply-To': '<full-1@kunde.example>',
            },
            'Geht wieder.\n\nAm 24.11.2026 um 16:20 schrieb Support:\n> Bitte neu starten.',
          ),
        ),
        position: null,
      })
      if (reply.kind !== 'reply') throw new Error(reply.kind)
      const both = await api<{ eventIds: string[] }>('agentA', 'GET', `/api/tickets/${outcome.ticketId}/mail`)
      expect([...both.body.eventIds].sort()).toEqual([outcome.eventId, reply.eventId].sort())
      const full = await api<ReceivedMail>(
        'agentA',
        'GET',
        `/api/tickets/${outcome.ticketId}/mail/${encodeURIComponent(reply.eventId)}`,
      )
      expect(full.body).toMatchObject({ subject: 'AW: Drucker druckt nicht', cc: null })
      expect(full.body.text).toContain('> Bitte neu starten.')
    })

    it('shows an HTML-only mail as its text, never as HTML', async () => {
      const message = await parseInbound(fixture('html-only.eml'))
      const outcome = await intakeMessage(db, { organisationId: orgs.a!, message, position: null })
      if (outcome.kind !== 'new') throw new Error(outcome.kind)
      const mail = await api<ReceivedMail>(
        'agentA',
        'GET',
        `/api/tickets/${outcome.ticketId}/mail/${encodeURIComponent(outcome.eventId)}`,
      )
      expect(mail.status).toBe(200)
      expect(mail.body.text.length).toBeGreaterThan(0)
      expect(mail.body.text).not.toMatch(/<(p|div|html|body|br)\b/i)
    })

    it('answers the hub’s defaults until an admin saves the organisation’s own, audited, for that organisation only', async () => {
      expect(await api('adminA', 'GET', '/api/admin/mail/intake')).toEqual({
        status: 200,
        body: { settings: hubDefaults, defaults: hubDefaults, custom: false },
      })
      const saved = await api<IntakeSettingsResponse>('adminA', 'PUT', '/api/admin/mail/intake', {
        reopenWindowDays: 3,
        newTicketsPerHour: 1,
      })
      expect(saved.body).toEqual({
        settings: { reopenWindowDays: 3, newTicketsPerHour: 1 },
        defaults: hubDefaults,
        custom: true,
      })
      expect((await api<IntakeSettingsResponse>('adminB', 'GET', '/api/admin/mail/intake')).body.custom).toBe(false)
      const [audit] = await db.query<{ action: string; details: unknown }>(
        `select action, details from admin_audit where organisation_id = $1 and action = 'mail.intake_saved'`,
        [orgs.a],
      )
      const details = (typeof audit!.details === 'string' ? JSON.parse(audit!.details) : audit!.details) as object
      expect(details).toEqual({ before: null, after: { reopenWindowDays: 3, newTicketsPerHour: 1 } })
    })

    it('refuses bad settings and non-admins, changing nothing', async () => {
      const before = await api<IntakeSettingsResponse>('adminA', 'GET', '/api/admin/mail/intake')
      for (const bad of [
        { reopenWindowDays: -1, newTicketsPerHour: 5 },
        { reopenWindowDays: 3, newTicketsPerHour: 0 },
        { reopenWindowDays: 1.5, newTicketsPerHour: 5 },
        { reopenWindowDays: 3 },
        { reopenWindowDays: '3', newTicketsPerHour: 5 },
      ]) {
        expect((await api('adminA', 'PUT', '/api/admin/mail/intake', bad)).status).toBe(400)
      }
      expect(
        (await api('agentA', 'PUT', '/api/admin/mail/intake', { reopenWindowDays: 9, newTicketsPerHour: 9 })).status,
      ).toBe(403)
      expect((await api('agentA', 'GET', '/api/admin/mail/intake')).status).toBe(403)
      expect(await api('adminA', 'GET', '/api/admin/mail/intake')).toEqual(before)
    })

    it('limits new tickets per sender by the organisation’s own setting, and keeps SMTP and intake settings apart', async () => {
      // Organisation A allows one new ticket per sender and hour (saved above); B has the hub's 30.
      const from = (n: number) =>
        parseInbound(
          raw(
            {
              From: 'flood@kunde.example',
              To: 'support@desk.example',
              Subject: `Flood ${n}`,
              'Message-ID': `<flood-${n}@k>`,
            },
            'x',
          ),
        )
      expect((await intakeMessage(db, { organisationId: orgs.a!, message: await from(1), position: null })).kind).toBe(
        'new',
      )
      expect(await intakeMessage(db, { organisationId: orgs.a!, message: await from(2), position: null })).toEqual({
        kind: 'ignore',
        reason: 'rate_limited',
      })
      const otherDesk = async (n: number) =>
        (await intakeMessage(db, { organisationId: orgs.b!, message: await from(n), position: null })).kind
      expect([await otherDesk(3), await otherDesk(4)]).toEqual(['new', 'new'])

      // Saving the SMTP settings leaves the intake settings, and back to the defaults leaves the SMTP ones.
      const smtp = {
        enabled: false,
        host: 'smtp.desk.example',
        port: 587,
        security: 'starttls',
        user: null,
        senderName: 'Desk',
        senderAddress: 'desk@desk.example',
        signature: '',
        language: 'en',
      }
      const put = await app.inject({
        method: 'PUT',
        url: '/api/admin/mail',
        headers: { authorization: `Bearer ${tokens.adminA}` },
        payload: smtp,
      })
      expect(put.statusCode).toBe(200)
      expect((await api<IntakeSettingsResponse>('adminA', 'GET', '/api/admin/mail/intake')).body.settings).toEqual({
        reopenWindowDays: 3,
        newTicketsPerHour: 1,
      })
      expect((await api<IntakeSettingsResponse>('adminA', 'DELETE', '/api/admin/mail/intake')).body).toEqual({
        settings: hubDefaults,
        defaults: hubDefaults,
        custom: false,
      })
      const stored = await app.inject({
        method: 'GET',
        url: '/api/admin/mail',
        headers: { authorization: `Bearer ${tokens.adminA}` },
      })
      expect(stored.json<{ settings: { host: string } }>().settings.host).toBe('smtp.desk.example')
    })
  })
}
