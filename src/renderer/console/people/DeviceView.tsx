import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DeviceCoverage, DeviceDetail, FindingsSummary, TicketSummary } from '@shared/people'
import { finishedStatuses } from '@shared/tickets/status'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { useModalDialog } from '../../ui/useModalDialog'
import { useAdminStore } from '../admin/adminStore'
import { useConsoleStore } from '../store'
import { usePeopleData } from './usePeople'

/** A button that opens the device view for one device: "Device MUE-NB-017", or just the name where the context says it. */
export function OpenDeviceButton({ deviceId, name, bare = false }: { deviceId: string; name: string; bare?: boolean }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {bare ? name : t('console.people.deviceView.open', { name })}
      </button>
      {open && <DeviceDialog deviceId={deviceId} onClose={() => setOpen(false)} />}
    </>
  )
}

/**
 * One device as the desk sees it: what it is and who uses it, whether a contract lets 2nd level
 * reach it, its tickets (one click opens one in the workspace) and its diagnostics snapshots over
 * time. Read from the hub; offline it says so.
 */
export function DeviceDialog({ deviceId, onClose }: { deviceId: string; onClose(): void }) {
  const { t } = useTranslation()
  const headingId = useId()
  const dialog = useModalDialog(true)
  const detail = usePeopleData(`device:${deviceId}`, (client) => client.device(deviceId))
  const selectTicket = useConsoleStore((s) => s.selectTicket)
  const closeAdmin = useAdminStore((s) => s.open)
  const openTicket = (id: string) => {
    selectTicket(id)
    closeAdmin(null)
    onClose()
  }
  return (
    <dialog ref={dialog} className="device-view" aria-labelledby={headingId} onClose={onClose}>
      <h2 id={headingId}>
        {detail.data
          ? t('console.people.deviceView.heading', { name: detail.data.device.name })
          : t('console.people.deviceView.loading')}
      </h2>
      {detail.error && <p className="muted">{detail.error}</p>}
      {detail.data && <DeviceBody detail={detail.data} onOpenTicket={openTicket} />}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={onClose}>
          {t('console.people.deviceView.close')}
        </button>
      </div>
    </dialog>
  )
}

function DeviceBody({ detail, onOpenTicket }: { detail: DeviceDetail; onOpenTicket(id: string): void }) {
  const { t, i18n } = useTranslation()
  const { device, customer, contact, tickets, snapshots, coverage } = detail
  const when = (at: string | null) =>
    at ? new Date(at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : '—'
  const open = tickets.filter((ticket) => !finishedStatuses.includes(ticket.status))
  const recent = tickets.filter((ticket) => finishedStatuses.includes(ticket.status)).slice(0, 5)
  return (
    <>
      <dl className="facts device-facts">
        <dt>{t('console.people.device.kind')}</dt>
        <dd>{t(`console.people.device.kinds.${device.kind}`)}</dd>
        <dt>{t('console.people.device.group')}</dt>
        <dd>{device.group ?? '—'}</dd>
        <dt>{t('console.people.deviceView.model')}</dt>
        <dd>{device.model ?? '—'}</dd>
        <dt>{t('console.people.deviceView.serial')}</dt>
        <dd>{device.serial ?? '—'}</dd>
        <dt>{t('console.people.device.os')}</dt>
        <dd>{device.os ?? '—'}</dd>
        <dt>{t('console.people.device.user')}</dt>
        <dd>{contact ? contact.name : '—'}</dd>
        <dt>{t('console.people.ticket.customer')}</dt>
        <dd>{customer.name}</dd>
        <dt>{t('console.people.device.lastSeen')}</dt>
        <dd>{when(device.lastSeenAt)}</dd>
      </dl>
      <CoverageLine coverage={coverage} />

      <section aria-labelledby="device-findings-heading">
        <h3 id="device-findings-heading">{t('console.people.deviceView.lastFindings')}</h3>
        {device.lastSnapshot ? (
          <>
            <p className="muted">{when(device.lastSnapshot.at)}</p>
            <Findings findings={device.lastSnapshot.findings} />
          </>
        ) : (
          <p className="muted">{t('console.people.deviceView.noSnapshot')}</p>
        )}
      </section>

      <section aria-labelledby="device-tickets-heading">
        <h3 id="device-tickets-heading">{t('console.people.deviceView.tickets')}</h3>
        {tickets.length === 0 && <p className="muted">{t('console.people.deviceView.noTickets')}</p>}
        <TicketList label={t('console.people.lookup.openTickets')} tickets={open} onOpen={onOpenTicket} />
        <TicketList label={t('console.people.lookup.recentTickets')} tickets={recent} onOpen={onOpenTicket} />
      </section>

      <section aria-labelledby="device-snapshots-heading">
        <h3 id="device-snapshots-heading">{t('console.people.deviceView.snapshots')}</h3>
        {snapshots.length === 0 ? (
          <p className="muted">{t('console.people.deviceView.noSnapshot')}</p>
        ) : (
          <table className="people-table device-snapshots">
            <caption className="visually-hidden">{t('console.people.deviceView.snapshots')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.people.deviceView.when')}</th>
                <th scope="col">{t('console.diagnostics.severity.critical')}</th>
                <th scope="col">{t('console.diagnostics.severity.warning')}</th>
                <th scope="col">{t('console.diagnostics.severity.info')}</th>
                <th scope="col">{t('console.people.deviceView.topFindings')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshots.map((snapshot) => (
                <tr key={snapshot.id}>
                  <td>{when(snapshot.at)}</td>
                  <td>{snapshot.findings.counts.critical}</td>
                  <td>{snapshot.findings.counts.warning}</td>
                  <td>{snapshot.findings.counts.info}</td>
                  <td>{titles(snapshot.findings, i18n.language) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

const titles = (findings: FindingsSummary, language: string) =>
  findings.top
    .slice(0, 3)
    .map((finding) => finding.title[language === 'de' ? 'de' : 'en'])
    .join('; ')

function Findings({ findings }: { findings: FindingsSummary }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language === 'de' ? 'de' : 'en'
  const { counts } = findings
  return (
    <>
      <p>
        {t('console.people.deviceView.counts', {
          critical: counts.critical,
          warning: counts.warning,
          info: counts.info,
        })}
      </p>
      {findings.top.length > 0 && (
        <ul className="findings-summary">
          {findings.top.map((finding) => (
            <li key={finding.id} className={`finding-${finding.severity}`}>
              {t(`console.diagnostics.severity.${finding.severity}`)}: {finding.title[language]}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function TicketList(props: { label: string; tickets: TicketSummary[]; onOpen(id: string): void }) {
  const { t } = useTranslation()
  if (props.tickets.length === 0) return null
  return (
    <>
      <h4>{props.label}</h4>
      <ul className="device-tickets" aria-label={props.label}>
        {props.tickets.map((ticket) => {
          const number = ticket.number ? formatTicketNumber(ticket.number) : t('console.ticket.draftNumber')
          return (
            <li key={ticket.id}>
              <button type="button" className="link-button" onClick={() => props.onOpen(ticket.id)}>
                {number} · {ticket.subject}
              </button>{' '}
              <span className="muted">
                ({t(`enums.status.${ticket.status}`)}, {ticket.priority})
              </span>
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** Whether a contract lets 2nd level reach the device, in the reader's language. */
export function CoverageLine({ coverage }: { coverage: DeviceCoverage }) {
  const { t, i18n } = useTranslation()
  if (coverage.ok) {
    const actions = (['view', 'control', 'unattended'] as const)
      .filter((action) => coverage.actions[action])
      .map((action) => t(`console.people.deviceView.actions.${action}`))
      .join(', ')
    return (
      <p className="device-coverage covered">
        {t('console.people.deviceView.covered', { contract: coverage.contract.name, actions })}
      </p>
    )
  }
  const { params } = coverage
  const date = params.date
    ? new Date(`${params.date}T12:00:00Z`).toLocaleDateString(i18n.language, { dateStyle: 'medium' })
    : ''
  const text = t(`console.people.deviceView.refusal.${coverage.code}`, {
    customer: params.customer,
    date,
    system: params.system ?? '',
    kinds: params.kind ? t(`console.people.deviceView.kindsPlural.${params.kind}`) : '',
    action: params.action ? t(`console.people.deviceView.actions.${params.action}`) : '',
  })
  return (
    <p className="device-coverage not-covered">
      {t('console.people.deviceView.notCovered')}: {text}
    </p>
  )
}
