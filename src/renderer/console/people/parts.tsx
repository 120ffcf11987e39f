import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { ContactRef, ContractState } from '@shared/people'

/** Domains, groups and system names are typed as one line, separated by commas, semicolons or spaces. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((item) => item.trim())
    .filter(Boolean)
}

/** Like `splitList`, but only commas and semicolons separate, so names may hold spaces. */
export function splitNames(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((item) => item.trim())
    .filter(Boolean)
}

/** The first complaint of a failed parse, with the field it is about when that helps. */
export function firstIssue(error: z.ZodError, field: (path: string) => string | null = () => null): string {
  const issue = error.issues[0]
  if (!issue) return error.message
  const name = field(issue.path.join('.'))
  return name ? `${name}: ${issue.message}` : issue.message
}

/** Active, not yet valid or expired, in words and in a colour that is never the only sign. */
export function ContractStateBadge({ state }: { state: ContractState }) {
  const { t } = useTranslation()
  return <span className={`contract-state contract-${state}`}>{t(`console.people.contract.states.${state}`)}</span>
}

/** Name, phone and e-mail of a person to call, each one click away. */
export function ContactLinks({ contact }: { contact: ContactRef }) {
  return (
    <span className="contact-links">
      <strong>{contact.name}</strong>
      {contact.jobTitle && <span className="muted"> ({contact.jobTitle})</span>}
      {contact.phone && (
        <>
          {' · '}
          <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
        </>
      )}
      {contact.email && (
        <>
          {' · '}
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </>
      )}
    </span>
  )
}
