import { describe, expect, it } from 'vitest'
import { replyMarkers } from '@shared/mail/replyMarker'
import { renderMail, type MailContent } from '.'

const content: MailContent = {
  kind: 'reply',
  language: 'en',
  ticketNumber: 'T-000123',
  ticketSubject: 'VPN <drops> & reconnects',
  requesterName: 'Jana "JJ" Nowak',
  body: 'Try <script>alert(1)</script> & restart.\nThen call us.',
  senderName: 'Contoso IT',
  signature: 'Contoso IT · +49 30 1234',
}

describe('mail templates', () => {
  it('puts the ticket token in the subject and the reply marker first, in the mail’s language', () => {
    const en = renderMail(content)
    expect(en.subject).toBe('[T-000123] VPN <drops> & reconnects')
    expect(en.text.startsWith(`${replyMarkers.en}\n`)).toBe(true)
    expect(en.text).toContain('Hello Jana "JJ" Nowak,')
    expect(en.text).toContain('Contoso IT · +49 30 1234')
    const de = renderMail({ ...content, language: 'de', kind: 'resolved', body: null })
    expect(de.text.startsWith(`${replyMarkers.de}\n`)).toBe(true)
    expect(de.text).toContain('wir haben Ihr Ticket T-000123 gelöst')
    expect(de.html).toContain('lang="de"')
  })

  it('escapes everything people wrote in the HTML part', () => {
    const { html } = renderMail(content)
    expect(html).not.toContain('<script>')
    expect(html).toContain('Try &lt;script&gt;alert(1)&lt;/script&gt; &amp; restart.<br>Then call us.')
    expect(html).toContain('Jana &quot;JJ&quot; Nowak')
  })
})
