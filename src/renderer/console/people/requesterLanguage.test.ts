import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { Contact } from '@shared/people/contact'
import type { LocalArticle } from '@shared/kb/localSearch'
import { stepsAsReply } from '../kbArticleText'
import { requesterLanguage } from './requesterLanguage'

const contact = (patch: Partial<Contact>): Contact => ({
  id: randomUUID(),
  customerId: randomUUID(),
  name: 'Jana Nowak',
  email: 'jana@mueller.example',
  phone: '+49 30 1234-56',
  language: 'de',
  jobTitle: '',
  notes: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...patch,
})

const article: LocalArticle = {
  id: randomUUID(),
  category: 'network',
  tags: ['vpn'],
  status: 'published',
  translations: {
    en: { title: 'VPN error 809', symptoms: 'VPN fails', steps: ['Restart the router'], body: '', keywords: [] },
    de: { title: 'VPN-Fehler 809', symptoms: 'VPN bricht ab', steps: ['Router neu starten'], body: '', keywords: [] },
  },
} as unknown as LocalArticle

describe("the requester's language", () => {
  const jana = contact({})
  const piotr = contact({ name: 'Piotr Lis', email: 'piotr@mueller.example', phone: null, language: 'en' })
  const detail = { contacts: [piotr, jana] }

  it('is the linked contact’s, else the contact with the same address or phone number', () => {
    expect(requesterLanguage(detail, { email: null, phone: null }, { contactId: jana.id })).toBe('de')
    expect(requesterLanguage(detail, { email: 'Piotr@Mueller.example', phone: null })).toBe('en')
    expect(requesterLanguage(detail, { email: null, phone: '030 123456' })).toBe('de')
    expect(requesterLanguage(detail, { email: 'someone@else.example', phone: null })).toBeNull()
    expect(requesterLanguage(null, { email: jana.email, phone: null })).toBeNull()
  })

  it('puts the steps in German for a German requester while the agent works in English', () => {
    const intro = (lng: string) => (lng === 'de' ? 'Bitte versuchen Sie diese Schritte:' : 'Please try these steps:')
    const language = requesterLanguage(detail, { email: jana.email, phone: null }) ?? 'en'
    expect(stepsAsReply(article, language, intro)).toBe('Bitte versuchen Sie diese Schritte:\n1. Router neu starten')
  })
})
