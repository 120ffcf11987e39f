import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReceivedMail } from '@shared/mail/inbound'
import { HubRequestError } from '../../platform/hubClient'
import { receivedMailClient } from '../../platform/mailboxClient'
import { useModalDialog } from '../../ui/useModalDialog'
import { useConsoleStore } from '../store'

/** "Show full message" under a timeline entry that a received mail made, and the dialog it opens. */
export function FullMessageButton({ ticketId, eventId }: { ticketId: string; eventId: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('console.ticket.fullMessage.show')}
      </button>
      {open && <FullMessageDialog ticketId={ticketId} eventId={eventId} onClose={() => setOpen(false)} />}
    </>
  )
}

/** The whole message as plain text, its header lines above it; never rendered as HTML. */
function FullMessageDialog(props: { ticketId: string; eventId: string; onClose(): void }) {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const dialog = useModalDialog(true)
  const heading = useId()
  const [mail, setMail] = useState<ReceivedMail | null>(null)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    if (!token) return
    let stale = false
    receivedMailClient(hubUrl, token)
      .get(props.ticketId, props.eventId)
      .then((value) => {
        if (!stale) setMail(value)
      })
      .catch((error: unknown) => {
        if (!stale) setProblem(error instanceof HubRequestError ? error.message : String(error))
      })
    return () => {
      stale = true
    }
  }, [hubUrl, token, props.ticketId, props.eventId])

  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'full', timeStyle: 'short' })
  const rows: [string, string | null][] = mail
    ? [
        [t('console.ticket.fullMessage.from'), mail.from],
        [t('console.ticket.fullMessage.to'), mail.to],
        [t('console.ticket.fullMessage.cc'), mail.cc],
        [t('console.ticket.fullMessage.date'), mail.date ? date(mail.date) : null],
        [t('console.ticket.fullMessage.subject'), mail.subject || null],
        [t('console.ticket.fullMessage.received'), date(mail.receivedAt)],
      ]
    : []
  return (
    <dialog ref={dialog} className="full-message" aria-labelledby={heading} onClose={props.onClose}>
      <h2 id={heading}>{t('console.ticket.fullMessage.heading')}</h2>
      {!mail && !problem && <p aria-busy="true">{t('console.ticket.fullMessage.loading')}</p>}
      {problem && <p role="alert">{t('console.ticket.fullMessage.failed', { message: problem })}</p>}
      {mail && (
        <>
          <dl className="full-message-headers">
            {rows
              .filter((row): row is [string, string] => row[1] !== null)
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
          <pre className="full-message-text" tabIndex={0} aria-label={t('console.ticket.fullMessage.text')}>
            {mail.text}
          </pre>
        </>
      )}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={props.onClose}>
          {t('console.ticket.fullMessage.close')}
        </button>
      </div>
    </dialog>
  )
}
