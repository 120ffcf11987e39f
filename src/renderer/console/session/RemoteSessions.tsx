import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRelative } from '../../ui/relativeTime'
import { useNow } from '../../ui/useNow'
import { useConsoleStore } from '../store'
import { ContractRefusal } from './ContractRefusal'
import { useRemoteStore } from './remoteStore'
import { SessionPanel } from './SessionPanel'

const pollMs = 3000

/** The Console's remote-session area: Get Help requests waiting for an agent, and the open session. */
export function RemoteSessions() {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const account = useConsoleStore((s) => s.account)!
  const selectTicket = useConsoleStore((s) => s.selectTicket)
  const waiting = useRemoteStore((s) => s.waiting)
  const pickups = useRemoteStore((s) => s.pickups)
  const error = useRemoteStore((s) => s.error)
  const open = useRemoteStore((s) => s.client !== null)
  const openSessionId = useRemoteStore((s) => s.sessionId)
  const joinable = useRemoteStore((s) => s.joinable)
  const refusal = useRemoteStore((s) => s.refusal)
  const now = useNow()

  useEffect(() => {
    const { refreshWaiting, refreshActive } = useRemoteStore.getState()
    const poll = () => {
      if (account.role === 'agent') void refreshWaiting(hubUrl, token)
      void refreshActive(hubUrl, token)
    }
    poll()
    const timer = setInterval(poll, pollMs)
    return () => clearInterval(timer)
  }, [hubUrl, token, account.role])

  // Signing out or closing the workspace leaves the session.
  useEffect(() => () => useRemoteStore.getState().close(), [])

  const accept = async (sessionId: string) => {
    const { sync } = useConsoleStore.getState()
    const request = useRemoteStore.getState().waiting.find((w) => w.sessionId === sessionId)
    if (!request) return
    const ticketId = await useRemoteStore.getState().accept({
      hubUrl,
      token,
      request,
      requestSync: () => sync?.requestSync(),
    })
    if (ticketId) selectTicket(ticketId)
  }

  return (
    <aside className="remote-area" aria-labelledby="remote-heading">
      <h2 id="remote-heading">{t('console.session.heading')}</h2>
      <section aria-label={t('console.session.waiting')}>
        <h3>{t('console.session.waiting')}</h3>
        {waiting.length === 0 && <p className="muted">{t('console.session.noneWaiting')}</p>}
        <ul className="remote-waiting">
          {waiting.map((request) => (
            <li key={request.sessionId}>
              <strong>{request.requesterName}</strong>{' '}
              <span className="muted">
                {t('console.session.waitingSince', {
                  time: formatRelative(new Date(request.requestedAt), now, i18n.language),
                })}
              </span>
              <p>{request.description}</p>
              {account.role === 'agent' && (
                <button
                  type="button"
                  aria-label={t('console.session.acceptFrom', { name: request.requesterName })}
                  onClick={() => void accept(request.sessionId)}
                >
                  {t('console.session.accept')}
                </button>
              )}
              {refusal?.at === 'accept' && refusal.id === request.sessionId && (
                <ContractRefusal refusal={refusal.detail} />
              )}
            </li>
          ))}
        </ul>
        {Object.entries(pickups).map(([sessionId, seconds]) => (
          <p key={sessionId} role="status">
            {t('console.session.pickedUp', { seconds })}
          </p>
        ))}
      </section>
      {joinable.some((session) => session.sessionId !== openSessionId) && (
        <section aria-label={t('console.session.joinable')}>
          <h3>{t('console.session.joinable')}</h3>
          <ul className="remote-waiting">
            {joinable
              .filter((session) => session.sessionId !== openSessionId)
              .map((session) => (
                <li key={session.sessionId}>
                  <button
                    type="button"
                    onClick={() => {
                      useRemoteStore.getState().join(hubUrl, token, session.sessionId, session.ticketId)
                      if (session.ticketId) selectTicket(session.ticketId)
                    }}
                  >
                    {t('console.session.join', { name: session.requesterName })}
                  </button>
                </li>
              ))}
          </ul>
        </section>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {open && <SessionPanel />}
    </aside>
  )
}
