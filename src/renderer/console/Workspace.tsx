import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { HubSocket } from '../platform/hubClient'
import { StatusBar } from './StatusBar'
import { useConsoleStore } from './store'

export function Workspace() {
  const { t } = useTranslation()
  const account = useConsoleStore((s) => s.account)!
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const signOut = useConsoleStore((s) => s.signOut)
  const setConnection = useConsoleStore((s) => s.setConnection)

  useEffect(() => {
    const socket = new HubSocket(hubUrl, token, setConnection)
    socket.start()
    return () => socket.stop()
  }, [hubUrl, token, setConnection])

  return (
    <div className="workspace">
      <header className="workspace-header">
        <h1>{t('console.title')}</h1>
        <span className="muted">
          {t('console.header.signedInAs', { name: account.displayName, role: t(`console.roles.${account.role}`) })}
          {' · '}
          {account.organisation.name}
        </span>
        <LanguageSwitch />
        <button type="button" onClick={() => void signOut()}>
          {t('console.header.signOut')}
        </button>
      </header>
      <nav className="queue" aria-labelledby="queue-heading">
        <h2 id="queue-heading">{t('console.queue.heading')}</h2>
        <p className="muted">{t('console.queue.empty')}</p>
      </nav>
      <main className="ticket-pane" aria-labelledby="ticket-heading">
        <h2 id="ticket-heading">{t('console.ticket.heading')}</h2>
        <p className="muted">{t('console.ticket.none')}</p>
      </main>
      <StatusBar />
    </div>
  )
}
