import { useTranslation } from 'react-i18next'
import { useConsoleStore } from '../store'
import { ContractRefusal } from './ContractRefusal'
import { redeemedFor, useRemoteStore } from './remoteStore'

/** Groups of three digits are easier to read out on the phone. */
export function spacedCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ')
}

/** On a ticket: issue a one-time code the caller types into Get Help to start a remote session. */
export function SessionCode({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const role = useConsoleStore((s) => s.account?.role)
  const code = useRemoteStore((s) => s.codes[ticketId])
  const joinedHere = useRemoteStore((s) => s.client !== null && s.ticketId === ticketId)
  const waiting = useRemoteStore((s) => s.awaitingCode.includes(ticketId))
  const refusal = useRemoteStore((s) => (s.refusal?.at === 'code' && s.refusal.id === ticketId ? s.refusal : null))
  const redeemed = useRemoteStore((s) => redeemedFor(s, ticketId))
  if (role !== 'agent' || !token) return null
  const expires = code ? new Date(code.expiresAt) : null
  return (
    <div className="session-code" role="group" aria-label={t('console.session.code.heading')}>
      <button type="button" onClick={() => void useRemoteStore.getState().issueCode(hubUrl, token, ticketId)}>
        {code ? t('console.session.code.again') : t('console.session.code.issue')}
      </button>
      {refusal && <ContractRefusal refusal={refusal.detail} />}
      {code && expires && !refusal && (
        <p role="status">
          {t('console.session.code.show', {
            code: spacedCode(code.code),
            time: expires.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' }),
          })}
          {waiting && !joinedHere && !redeemed && ` ${t('console.session.code.waiting')}`}
        </p>
      )}
      {redeemed && !joinedHere && (
        <p role="status">
          {t('console.session.code.entered')}{' '}
          <button
            type="button"
            onClick={() => {
              const store = useRemoteStore.getState()
              useRemoteStore.setState({ awaitingCode: store.awaitingCode.filter((id) => id !== ticketId) })
              store.join(hubUrl, token, redeemed.sessionId, ticketId)
            }}
          >
            {t('console.session.code.switch')}
          </button>
        </p>
      )}
    </div>
  )
}
