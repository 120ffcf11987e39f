import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SessionState } from '@shared/session/protocol'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import type { RemoteSession } from '../platform/session'
import { SessionChat } from '../ui/SessionChat'
import { ScreenPicker } from './ScreenPicker'
import { pendingQuestion } from './pendingQuestion'
import { useSessionStore } from './sessionStore'

function ConsentDialog({ client, state }: { client: RemoteSession; state: SessionState }) {
  const { t } = useTranslation()
  const answered = useSessionStore((s) => s.answered)
  const organisation = useSessionStore((s) => s.view?.organisation ?? '')
  const [captureError, setCaptureError] = useState(false)
  const question = pendingQuestion(state, answered)
  if (!question) return null
  const ticket = state.session.ticketNumber
    ? t('gethelp.session.consent.ticket', { number: formatTicketNumber(state.session.ticketNumber) })
    : t('gethelp.session.consent.noTicket')
  const answer = useSessionStore.getState().answer

  let title: string
  let body: string
  let yes: { label: string; run(): void | Promise<void> } | null
  let no: { label: string; run(): void }
  switch (question.kind) {
    case 'view':
      title = t('gethelp.session.consent.viewTitle')
      body = t('gethelp.session.consent.view', { name: question.name, organisation })
      yes = {
        label: t('gethelp.session.consent.allowView'),
        run: async () => {
          setCaptureError(false)
          try {
            await client.grantView(question.participantId)
            answer(question.participantId)
          } catch {
            // The user closed the screen picker: nothing is shared, the question stays.
            setCaptureError(true)
          }
        },
      }
      no = {
        label: t('gethelp.session.consent.refuse'),
        run: () => {
          answer(question.participantId)
          client.revokeView(question.participantId)
        },
      }
      break
    case 'control':
      title = t('gethelp.session.consent.controlTitle')
      body = client.canControl
        ? t('gethelp.session.consent.control', { name: question.name })
        : t('gethelp.session.consent.controlViewOnly', { name: question.name })
      yes = client.canControl
        ? {
            label: t('gethelp.session.consent.allowControl'),
            run: () => void client.grantControl(question.participantId),
          }
        : null
      no = { label: t('gethelp.session.consent.refuse'), run: () => client.revokeControl(question.participantId) }
      break
    case 'handover':
      title = t('gethelp.session.consent.handoverTitle')
      body = client.canControl
        ? t('gethelp.session.consent.handover', { from: question.from, to: question.toName })
        : t('gethelp.session.consent.controlViewOnly', { name: question.toName })
      yes = client.canControl
        ? { label: t('gethelp.session.consent.allowHandover'), run: () => client.approveHandover(question.to) }
        : null
      no = { label: t('gethelp.session.consent.refuse'), run: () => client.denyHandover(question.to) }
      break
    case 'invitation':
      title = t('gethelp.session.consent.joinTitle')
      body = t('gethelp.session.consent.join', { name: question.name, invitedBy: question.invitedBy })
      yes = { label: t('gethelp.session.consent.allowJoin'), run: () => client.approveJoin(question.id, question.name) }
      no = { label: t('gethelp.session.consent.refuse'), run: () => client.denyJoin(question.id) }
      break
  }

  return (
    <div className="consent-dialog" role="dialog" aria-labelledby="consent-title" aria-describedby="consent-body">
      <h2 id="consent-title">{title}</h2>
      <p id="consent-body">{body}</p>
      <p className="muted">{ticket}</p>
      {captureError && (
        <p role="alert" className="error">
          {t('gethelp.session.consent.captureFailed')}
        </p>
      )}
      <div className="dialog-buttons">
        {yes && (
          <button type="button" onClick={() => void yes.run()}>
            {yes.label}
          </button>
        )}
        <button type="button" className="secondary" onClick={no.run}>
          {no.label}
        </button>
      </div>
    </div>
  )
}

/** Always on screen during a session: who takes part, what each may do, Pause and Stop. */
function SessionBar({ client, state }: { client: RemoteSession; state: SessionState | null }) {
  const { t } = useTranslation()
  const sharing = useSessionStore((s) => s.view?.localStream != null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault()
        client.stop()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [client])

  const paused = state?.session.paused ?? false
  const staff = state?.participants.filter((p) => p.role !== 'end_user') ?? []
  return (
    <section className="session-bar" aria-label={t('gethelp.session.bar.label')}>
      <p role="status">
        {paused
          ? t('gethelp.session.bar.paused')
          : sharing
            ? t('gethelp.session.bar.sharing')
            : t('gethelp.session.bar.notSharing')}
      </p>
      <ul aria-label={t('gethelp.session.bar.participants')}>
        {staff.map((p) => (
          <li key={p.id}>
            <span>
              {p.displayName} ({t(`gethelp.session.roles.${p.role}`)}):{' '}
              {p.permissions.includes('control')
                ? t('gethelp.session.bar.mayControl')
                : p.permissions.includes('view')
                  ? t('gethelp.session.bar.mayView')
                  : t('gethelp.session.bar.mayNothing')}
              {state?.controlHolder === p.id ? ` · ${t('gethelp.session.bar.hasControl')}` : ''}
            </span>
            {p.permissions.includes('control') && (
              <button type="button" onClick={() => client.revokeControl(p.id)}>
                {t('gethelp.session.bar.revokeControl', { name: p.displayName })}
              </button>
            )}
            {p.permissions.includes('view') && (
              <button type="button" onClick={() => client.revokeView(p.id)}>
                {t('gethelp.session.bar.revokeView', { name: p.displayName })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="session-bar-buttons">
        {!sharing && staff.some((p) => p.permissions.includes('view')) && (
          <button type="button" onClick={() => void client.shareAgain().catch(() => undefined)}>
            {t('gethelp.session.bar.shareAgain')}
          </button>
        )}
        {sharing && (
          <button type="button" className="secondary" onClick={() => void client.switchScreen().catch(() => undefined)}>
            {t('gethelp.session.bar.switchScreen')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => (paused ? client.resume() : client.pause())}>
          {paused ? t('gethelp.session.bar.resume') : t('gethelp.session.bar.pause')}
        </button>
        <button type="button" className="danger" aria-keyshortcuts="Control+Shift+S" onClick={() => client.stop()}>
          {t('gethelp.session.bar.stop')}
        </button>
      </div>
      <p className="muted">{t('gethelp.session.bar.shortcut')}</p>
    </section>
  )
}

/** Get Help during a remote session. */
export function SessionScreen() {
  const { t } = useTranslation()
  const client = useSessionStore((s) => s.client)
  const view = useSessionStore((s) => s.view)
  const access = useSessionStore((s) => s.access)
  if (!client || !view) return null

  if (view.ended) {
    return (
      <section aria-labelledby="ended-heading">
        <h1 id="ended-heading">{t('gethelp.session.ended.heading')}</h1>
        <p role="status">{t(`gethelp.session.ended.${view.ended}`)}</p>
        <button type="button" onClick={() => useSessionStore.getState().finish()}>
          {t('gethelp.session.ended.back')}
        </button>
      </section>
    )
  }

  const state = view.state
  const staffHere = state?.participants.some((p) => p.role !== 'end_user') ?? false
  return (
    <section className="gethelp-session" aria-labelledby="session-heading">
      <SessionBar client={client} state={state} />
      <h1 id="session-heading">{t('gethelp.session.heading')}</h1>
      {view.socket === 'reconnecting' && !view.failure && <p role="status">{t('gethelp.session.reconnecting')}</p>}
      {view.failure && (
        <p role="alert" className="error">
          {view.failure}
        </p>
      )}
      {view.error && (
        <p role="alert" className="error">
          {t('gethelp.session.refused', { message: view.error })}
        </p>
      )}
      {!staffHere && (
        <p role="status">
          {state?.session.status === 'waiting' || !access?.agent
            ? t('gethelp.session.waitingQueue')
            : t('gethelp.session.waitingAgent', { name: access.agent.displayName })}
        </p>
      )}
      {!client.canControl && <p className="muted">{t('gethelp.session.viewOnly')}</p>}
      <ScreenPicker />
      {state && <ConsentDialog client={client} state={state} />}
      <SessionChat
        prefix="gethelp.session"
        lines={view.chat}
        me={view.me?.participantId ?? null}
        send={(text) => client.chat(text)}
        disabled={false}
      />
    </section>
  )
}
