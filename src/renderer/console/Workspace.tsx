import { lazy, Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { AdminMenu } from './admin/AdminArea'
import { MyAccountMenu } from './account/MyAccount'
import { HubSocket } from '../platform/hubClient'
import { MajorIncidentBanner } from './escalation/MajorIncidentBanner'
import { NewCallDialog } from './NewCallDialog'
import { ProblemsDialog } from './ProblemsDialog'
import { Queue } from './Queue'
import { RecordsMenu } from './records/RecordsMenu'
import { recordsChanged } from './records/recordsStore'
import { StatusBar } from './StatusBar'
import { useConsoleStore } from './store'

// The ticket pane (knowledge base, diagnostics, records) and the remote-session area (WebRTC) load
// after the queue, so the first rows appear without parsing them first.
const TicketView = lazy(() => import('./TicketView').then((m) => ({ default: m.TicketView })))
const RemoteSessions = lazy(() => import('./session/RemoteSessions').then((m) => ({ default: m.RemoteSessions })))

export function Workspace() {
  const { t } = useTranslation()
  const account = useConsoleStore((s) => s.account)!
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)!
  const signOut = useConsoleStore((s) => s.signOut)
  const setConnection = useConsoleStore((s) => s.setConnection)
  const openWorkspace = useConsoleStore((s) => s.openWorkspace)
  const closeWorkspace = useConsoleStore((s) => s.closeWorkspace)
  const setIntakeOpen = useConsoleStore((s) => s.setIntakeOpen)
  const queueShown = useConsoleStore((s) => s.queueShown)

  useEffect(() => {
    openWorkspace()
    return () => closeWorkspace()
  }, [openWorkspace, closeWorkspace])

  useEffect(() => {
    const requestSync = () => useConsoleStore.getState().sync?.requestSync()
    // Live updates: the hub announces changes; coming back online also triggers a round.
    const socket = new HubSocket(
      hubUrl,
      token,
      (state) => {
        setConnection(state)
        if (state === 'online') requestSync()
      },
      (message) => {
        if (message.type === 'changed') {
          requestSync()
          void useConsoleStore.getState().loadGroups()
        }
        if (message.type === 'records_changed') recordsChanged()
        // The hub ended this sign-in (deactivated, password reset elsewhere, signed out in another window).
        if (message.type === 'error' && (message.error === 'account_ended' || message.error === 'unauthorized'))
          useConsoleStore.getState().sessionExpired(message.error === 'account_ended' ? 'accountEnded' : 'expired')
      },
    )
    socket.start()
    window.addEventListener('online', requestSync)
    return () => {
      socket.stop()
      window.removeEventListener('online', requestSync)
    }
  }, [hubUrl, token, setConnection])

  return (
    <div className="workspace">
      <header className="workspace-header">
        <h1>{t('console.title')}</h1>
        <button type="button" onClick={() => setIntakeOpen(true)}>
          {t('console.intake.open')}
        </button>
        <span className="muted">
          {t('console.header.signedInAs', { name: account.displayName, role: t(`console.roles.${account.role}`) })}
          {' · '}
          {account.organisation.name}
        </span>
        <RecordsMenu />
        <MyAccountMenu />
        <AdminMenu />
        <LanguageSwitch />
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void useConsoleStore
              .getState()
              .pendingEdits()
              .then((count) => {
                if (count === 0 || window.confirm(t('console.header.signOutPending', { count }))) void signOut()
              })
          }
        >
          {t('console.header.signOut')}
        </button>
        <MajorIncidentBanner />
      </header>
      <Queue />
      {queueShown ? (
        <Suspense fallback={<main className="ticket-pane" aria-busy="true" />}>
          <TicketView />
        </Suspense>
      ) : (
        <main className="ticket-pane" aria-busy="true" />
      )}
      {queueShown && (
        <Suspense fallback={null}>
          <RemoteSessions />
        </Suspense>
      )}
      <StatusBar />
      <NewCallDialog />
      <ProblemsDialog />
    </div>
  )
}
