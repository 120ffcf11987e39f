import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailPreview, MailTemplate } from '@shared/mail/templates'
import { Realtime } from '../../realtime'
import { buildApp } from '../../server'
import { createOrganisation } from '../../storage/accounts'
import { migrate } from '../../storage/migrate'
import { signedInAccount } from '../../storage/testAccounts'
import { testBackends } from '../../storage/testDatabases'
import { defaultTemplates } from './defaults'
import { templateFor } from './repository'

for (const backend of testBackends()) {
  describe(`mail templates on ${backend.name}`, () => {
    let db: Awaited<ReturnType<typeof backend.open>>
    let app: Awaited<ReturnType<typeof buildApp>>
    let contoso: string
    let fabrikam: string
    const auth = new Map<string, { authorization: string }>()

    beforeAll(async () => {
      db = await backend.open()
      await migrate(db)
      app = await buildApp(db, new Realtime(), { webDir: '/nonexistent', logLevel: 'silent' })
      contoso = (await createOrganisation(db, 'Contoso')).id
      fabrikam = (await createOrganisation(db, 'Fabrikam')).id
      for (const [key, role, organisation] of [
        ['admin', 'admin', contoso],
        ['agent', 'agent', contoso],
        ['other', 'admin', fabrikam],
      ] as const) {
        const account = await signedInAccount(db, `tpl-${key}`, role, organisation)
        auth.set(key, { authorization: `Bearer ${account.token}` })
      }
    })
    afterAll(async () => {
      await app.close()
      await db.drop()
    })

    const call = (who: string, method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: auth.get(who)!,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      })
    const list = async (who = 'admin') =>
      (await call(who, 'GET', '/api/admin/mail/templates')).json<{ templates: MailTemplate[] }>().templates
    const one = async (kind: string, language: string, who = 'admin') =>
      (await list(who)).find((t) => t.kind === kind && t.language === language)!

    it('lists the built-in text of every kind in both languages until an admin writes an own one', async () => {
      const templates = await list()
      expect(templates).toHaveLength(12)
      const reply = templates.find((t) => t.kind === 'reply' && t.language === 'de')!
      expect(reply).toMatchObject({ custom: false, updatedAt: null, ...defaultTemplates.de.reply })
      expect(reply.placeholders).toContain('requesterName')
      expect((await one('invitation', 'en')).placeholders).toContain('link')
    })

    it('saves an own text for one organisation only, uses it for mails, and resets it to the built-in one', async () => {
      const text = {
        subject: 'Re: [{{ticketNumber}}] {{ticketSubject}}',
        body: 'Hi {{requesterName}},\n\n{{body}}\n\n{{agentName}}',
      }
      const saved = await call('admin', 'PUT', '/api/admin/mail/templates/reply/en', text)
      expect(saved.statusCode).toBe(200)
      expect(saved.json()).toMatchObject({ ...text, custom: true, kind: 'reply', language: 'en' })
      expect(await one('reply', 'en')).toMatchObject({ ...text, custom: true })
      expect(await one('reply', 'de')).toMatchObject({ custom: false })
      // The other organisation still has, and sends, the built-in text.
      expect(await one('reply', 'en', 'other')).toMatchObject({ custom: false, ...defaultTemplates.en.reply })
      expect(await templateFor(db, fabrikam, 'reply', 'en')).toMatchObject(defaultTemplates.en.reply)
      expect(await templateFor(db, contoso, 'reply', 'en')).toMatchObject(text)
      // Resetting in the other organisation leaves Contoso's text alone.
      await call('other', 'DELETE', '/api/admin/mail/templates/reply/en')
      expect(await one('reply', 'en')).toMatchObject({ custom: true })

      const reset = await call('admin', 'DELETE', '/api/admin/mail/templates/reply/en')
      expect(reset.json()).toMatchObject({ custom: false, ...defaultTemplates.en.reply })
      expect(await templateFor(db, contoso, 'reply', 'en')).toMatchObject(defaultTemplates.en.reply)

      const audit = await db.query<{ action: string; organisation_id: string }>(
        `select action, organisation_id from admin_audit where action like 'mail.template%' order by seq`,
      )
      expect(audit).toEqual([
        { action: 'mail.template_saved', organisation_id: contoso },
        { action: 'mail.template_reset', organisation_id: contoso },
      ])
    })

    it('refuses unknown placeholders and texts without what the mail needs, changing nothing', async () => {
      const cases = [
        [
          { subject: '[{{ticketNumber}}] hi', body: 'Hello {{customerName}} {{body}}' },
          'Unknown placeholder {{customerName}}',
        ],
        [{ subject: 'Your ticket', body: '{{body}}' }, 'must contain {{ticketNumber}}'],
        [{ subject: '[{{ticketNumber}}]', body: 'We answered.' }, 'must contain {{body}}'],
      ] as const
      for (const [text, message] of cases) {
        const response = await call('admin', 'PUT', '/api/admin/mail/templates/reply/en', text)
        expect(response.statusCode).toBe(400)
        expect(response.json<{ message: string }>().message).toContain(message)
      }
      const invitation = await call('admin', 'PUT', '/api/admin/mail/templates/invitation/de', {
        subject: 'Einladung',
        body: 'Willkommen {{recipientName}}',
      })
      expect(invitation.statusCode).toBe(400)
      expect(invitation.json<{ message: string }>().message).toContain('{{recipientName}}')
      expect(
        (await call('admin', 'PUT', '/api/admin/mail/templates/nonsense/en', { subject: 'x', body: 'y' })).statusCode,
      ).toBe(400)
      expect(
        (await call('admin', 'PUT', '/api/admin/mail/templates/reply/fr', { subject: 'x', body: 'y' })).statusCode,
      ).toBe(400)
      expect(
        (await call('admin', 'PUT', '/api/admin/mail/templates/reply/en', { subject: '', body: 'y' })).statusCode,
      ).toBe(400)
      expect((await list()).every((t) => !t.custom)).toBe(true)
    })

    it('is for administrators only', async () => {
      expect((await call('agent', 'GET', '/api/admin/mail/templates')).statusCode).toBe(403)
      expect(
        (await call('agent', 'PUT', '/api/admin/mail/templates/reply/en', defaultTemplates.en.reply)).statusCode,
      ).toBe(403)
      expect((await app.inject({ method: 'GET', url: '/api/admin/mail/templates' })).statusCode).toBe(401)
      expect((await list()).every((t) => !t.custom)).toBe(true)
    })

    it('previews subject, text and HTML for sample data, with everything escaped in the HTML part', async () => {
      const response = await call('admin', 'POST', '/api/admin/mail/templates/preview', {
        kind: 'reply',
        language: 'en',
        subject: '[{{ticketNumber}}] {{ticketSubject}}',
        body: 'Dear <b>{{requesterName}}</b>,\n\n{{body}}\n\n<script>alert(1)</script> {{agentName}}',
      })
      expect(response.statusCode).toBe(200)
      const preview = response.json<MailPreview>()
      expect(preview.subject).toBe('[T-000123] VPN drops every few minutes')
      expect(preview.text).toContain('Dear <b>Jana Nowak</b>,')
      expect(preview.text).toContain('Max Agent')
      expect(preview.html).not.toContain('<script>')
      expect(preview.html).not.toContain('<b>')
      expect(preview.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Max Agent')
      expect(preview.html).toContain('<blockquote')

      const invitation = (
        await call('admin', 'POST', '/api/admin/mail/templates/preview', {
          kind: 'invitation',
          language: 'de',
          ...defaultTemplates.de.invitation,
        })
      ).json<MailPreview>()
      expect(invitation.subject).toBe('Ihre Einladung zum Support-Desk von Contoso')
      expect(invitation.text).toMatch(/https:\/\/desk\.example\/#\/invite\/x{43}/)
      expect(invitation.html).toMatch(/<a href="https:\/\/desk\.example\/#\/invite\/x{43}">/)

      const refused = await call('admin', 'POST', '/api/admin/mail/templates/preview', {
        kind: 'password_reset',
        language: 'en',
        subject: 'Reset',
        body: 'Hello {{ticketNumber}} {{link}}',
      })
      expect(refused.statusCode).toBe(400)
      expect(refused.json<{ message: string }>().message).toContain('{{ticketNumber}}')
    })
  })
}
