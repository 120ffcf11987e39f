import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useConsoleStore } from '../store'
import { SessionChat } from '../../ui/SessionChat'
import { ConnectionFacts } from './ConnectionFacts'
import { ContractRefusal } from './ContractRefusal'
import { SessionCustomer } from './SessionCustomer'
import { RemoteScreen } from './RemoteScreen'
import { useRemoteStore } from './remoteStore'

/** The agent brings in a specialist; the user approves them by name before they can join. */
function InviteSpecialist({ present }: { present: string[] }) {
  const { t } = useTranslation()
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token)
  const groups = useConsoleStore((s) => s.groups)
  const invited = useRemoteStore((s) => s.invited)
  const refusal = useRemoteStore((s) => (s.refusal?.at === 'invite' ? s.refusal : null))
  const [chosen, setChosen] = useState('')
  useEffect(() => {
    if (!useConsoleStore.getState().groups) void useConsoleStore.getState().loadGroups()
  }, [])
  const specialists = new Map<string, string>()
  for (const group of groups?.groups ?? [])
    for (const member of group.members)
      if (member.role === 'specialist' && !present.includes(member.name)) specialists.set(member.id, member.name)
  if (!token || specialists.size === 0) return null
  return (
    <div className="session-invite">
      <label>
        {t('console.session.invite.label')}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('console.session.invite.choose')}</option>
          {[...specialists].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={!chosen}
        onClick={() => void useRemoteStore.getState().invite(hubUrl, token, chosen)}
      >
        {t('console.session.invite.button')}
      </button>
      {invited && !refusal && <p role="status">{t('console.session.invite.sent', { name: invited })}</p>}
      {refusal && <ContractRefusal refusal={refusal.detail} />}
    </div>
  )
}

/** The open remote session as the agent or specialist sees it. */
export function SessionPanel() {
  const { t } = useTranslation()
  const client = useRemoteStore((s) => s.client)
  const view = useRemoteStore((s) => s.view)
  const close = useRemoteStore((s) => s.close)
  if (!client || !view) return null
  const state = view.state
  const me = view.me
  const mine = state?.participants.find((p) => p.id === me?.participantId)
  const endUser = state?.participants.find((p) => p.role === 'end_user')
  const mayView = mine?.permissions.includes('view') ?? false
  const mayControl = mine?.permissions.includes('control') ?? false
  const holding = !!me && state?.controlHolder === me.participantId
  // A specialist in the web Console sees and chats; the hub refuses them control, so it is not offered.
  const viewOnly = mine?.viewOnly ?? false
  const asked = (permission: 'view' | 'control') =>
    state?.permissionRequests.some((r) => r.participantId === me?.participantId && r.permission === permission) ?? false
  const ended = view.ended

  // Refused on the way in (the contract does not cover the device): nothing to show but why.
  if (view.refusal && !me) {
    return (
      <section className="session-panel" aria-labelledby="session-heading">
        <h3 id="session-heading">{t('console.session.with', { name: endUser?.displayName ?? '…' })}</h3>
        <ContractRefusal refusal={view.refusal} />
        <button type="button" className="secondary" onClick={close}>
          {t('console.session.close')}
        </button>
      </section>
    )
  }

  return (
    <section className="session-panel" aria-labelledby="session-heading">
      <h3 id="session-heading">
        {t('console.session.with', { name: endUser?.displayName ?? '…' })}
        {state?.session.paused ? ` · ${t('console.session.paused')}` : ''}
      </h3>
      {view.refusal && <ContractRefusal refusal={view.refusal} />}
      {ended ? (
        // A join the contract refused closes the connection: the refusal says why, not "you left".
        !(view.refusal && ended === 'closed') && <p role="status">{t(`console.session.ended.${ended}`)}</p>
      ) : state?.session.status === 'waiting' ? (
        <p className="muted">{t('console.session.connecting')}</p>
      ) : null}
      {view.socket === 'reconnecting' && !view.failure && <p role="status">{t('console.session.hubReconnecting')}</p>}
      {view.failure && (
        <p role="alert" className="error">
          {view.failure}
        </p>
      )}
      {view.error && !view.refusal && !ended && (
        <p role="alert" className="error">
          {t('console.session.refused', { message: view.error })}
        </p>
      )}

      <RemoteScreen
        stream={mayView ? view.remoteStream : null}
        controlling={holding && !state?.session.paused}
        send={(input) => client.sendInput(input)}
      />

      {!ended && (
        <div className="session-actions">
          {!mayView && (
            <button type="button" disabled={asked('view')} onClick={() => client.requestPermission('view')}>
              {asked('view') ? t('console.session.viewAsked') : t('console.session.requestView')}
            </button>
          )}
          {mayView && !mayControl && !viewOnly && !endUser?.viewOnly && (
            <button type="button" disabled={asked('control')} onClick={() => client.requestPermission('control')}>
              {asked('control') ? t('console.session.controlAsked') : t('console.session.requestControl')}
            </button>
          )}
          {mayControl && !holding && !viewOnly && (
            <button type="button" onClick={() => client.requestControl()}>
              {t('console.session.takeControl')}
            </button>
          )}
          {holding && (
            <button type="button" onClick={() => client.releaseControl()}>
              {t('console.session.releaseControl')}
            </button>
          )}
          {holding &&
            state?.participants
              .filter((p) => p.role !== 'end_user' && p.id !== me?.participantId && p.connected && !p.viewOnly)
              .map((p) => (
                <button key={p.id} type="button" className="secondary" onClick={() => client.handOver(p.id)}>
                  {state.handover?.to === p.id
                    ? t('console.session.handoverAsked', { name: p.displayName })
                    : t('console.session.handOver', { name: p.displayName })}
                </button>
              ))}
          <button type="button" className="secondary" onClick={close}>
            {t('console.session.leave')}
          </button>
        </div>
      )}
      {!ended && viewOnly && <p role="note">{t('console.session.webViewOnly')}</p>}
      {!ended && !viewOnly && endUser?.viewOnly && (
        <p role="note">{t('console.session.userInBrowser', { name: endUser.displayName })}</p>
      )}
      {!ended && me?.role === 'agent' && <p className="muted">{t('console.session.leaveHint')}</p>}
      {ended && (
        <button type="button" className="secondary" onClick={close}>
          {t('console.session.close')}
        </button>
      )}

      {!ended && me?.role === 'agent' && state?.session.status === 'active' && (
        <InviteSpecialist present={state.participants.map((p) => p.displayName)} />
      )}
      <h4>{t('console.session.participants')}</h4>
      <ul className="session-participants" aria-label={t('console.session.participants')}>
        {state?.participants.map((p) => (
          <li key={p.id}>
            {p.displayName} ({t(`console.session.roles.${p.role}`)})
            {p.role !== 'end_user' &&
              ` · ${
                p.permissions.length === 0
                  ? t('console.session.mayNothing')
                  : p.permissions.map((permission) => t(`console.session.may.${permission}`)).join(', ')
              }`}
            {state.controlHolder === p.id && ` · ${t('console.session.holdsControl')}`}
            {p.viewOnly && ` · ${t('console.session.inWebConsole')}`}
            {!p.connected && ` · ${t('console.session.reconnecting')}`}
          </li>
        ))}
      </ul>

      {view.customerId && <SessionCustomer customerId={view.customerId} />}
      {endUser && <ConnectionFacts facts={view.connections[endUser.id]} hubRoundTripMs={view.hubRoundTripMs} />}
      <SessionChat
        prefix="console.session"
        lines={view.chat}
        me={me?.participantId ?? null}
        send={(text) => client.chat(text)}
        disabled={!!ended}
      />
    </section>
  )
}
