import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { contactInputSchema, contactLanguages, type Contact, type ContactLanguage } from '@shared/people'
import { EnumSelect } from '../../ui/EnumSelect'
import { ContactLinks, firstIssue } from './parts'
import { usePeopleAction } from './usePeople'

/** The customer's people: who may call, and how to reach them. */
export function ContactsSection(props: { customerId: string; contacts: Contact[]; onChanged(): void }) {
  const { t } = useTranslation()
  // `null`: no form; `'new'`: a new contact; otherwise the id of the contact being changed.
  const [editing, setEditing] = useState<string | null>(null)
  return (
    <section className="people-section" aria-labelledby="contacts-heading">
      <div className="section-header">
        <h4 id="contacts-heading">{t('console.people.contact.heading')}</h4>
        <button type="button" className="secondary" onClick={() => setEditing('new')}>
          {t('console.people.contact.new')}
        </button>
      </div>
      {props.contacts.length === 0 && <p className="muted">{t('console.people.contact.none')}</p>}
      <ul className="people-list" aria-label={t('console.people.contact.heading')}>
        {props.contacts.map((contact) => (
          <li key={contact.id}>
            {editing === contact.id ? (
              <ContactForm
                customerId={props.customerId}
                initial={contact}
                onDone={(saved) => {
                  setEditing(null)
                  if (saved) props.onChanged()
                }}
              />
            ) : (
              <div className="people-item">
                <span>
                  <ContactLinks contact={contact} />{' '}
                  <span className="muted">· {t(`language.${contact.language}`)}</span>
                </span>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('console.people.contact.editNamed', { name: contact.name })}
                  onClick={() => setEditing(contact.id)}
                >
                  {t('console.people.change')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {editing === 'new' && (
        <ContactForm
          customerId={props.customerId}
          initial={null}
          onDone={(saved) => {
            setEditing(null)
            if (saved) props.onChanged()
          }}
        />
      )}
    </section>
  )
}

function ContactForm(props: { customerId: string; initial: Contact | null; onDone(saved: boolean): void }) {
  const { t } = useTranslation()
  const { run, busy, error, setError } = usePeopleAction()
  const [form, setForm] = useState({
    name: props.initial?.name ?? '',
    jobTitle: props.initial?.jobTitle ?? '',
    email: props.initial?.email ?? '',
    phone: props.initial?.phone ?? '',
    notes: props.initial?.notes ?? '',
  })
  const [language, setLanguage] = useState<ContactLanguage>(props.initial?.language ?? 'de')
  const fieldName = (path: string) =>
    ({
      name: t('console.people.contact.name'),
      email: t('console.people.contact.email'),
      phone: t('console.people.contact.phone'),
      jobTitle: t('console.people.contact.jobTitle'),
    })[path] ?? null
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        required={key === 'name'}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  )

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const blank = (text: string) => (text.trim() ? text.trim() : null)
    const input = contactInputSchema.safeParse({
      ...form,
      email: blank(form.email),
      phone: blank(form.phone),
      language,
    })
    if (!input.success) {
      setError(firstIssue(input.error, fieldName))
      return
    }
    const initial = props.initial
    const saved = await run((client) =>
      initial ? client.updateContact(initial.id, input.data) : client.createContact(props.customerId, input.data),
    )
    if (saved) props.onDone(true)
  }

  const heading = props.initial
    ? t('console.people.contact.editNamed', { name: props.initial.name })
    : t('console.people.contact.new')
  return (
    <form className="people-form" aria-label={heading} onSubmit={(e) => void save(e)}>
      <div className="form-row">
        {field('name', t('console.people.contact.name'))}
        {field('jobTitle', t('console.people.contact.jobTitle'))}
      </div>
      <div className="form-row">
        {field('phone', t('console.people.contact.phone'), 'tel')}
        {field('email', t('console.people.contact.email'), 'email')}
        <EnumSelect
          label={t('console.people.contact.language')}
          value={language}
          values={contactLanguages}
          text={(value) => t(`language.${value}`)}
          onChange={setLanguage}
        />
      </div>
      <label>
        {t('console.people.notes')}
        <textarea rows={2} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="dialog-buttons">
        <button type="submit" disabled={busy}>
          {props.initial ? t('console.people.save') : t('console.people.contact.create')}
        </button>
        <button type="button" className="secondary" onClick={() => props.onDone(false)}>
          {t('console.people.cancel')}
        </button>
      </div>
    </form>
  )
}
