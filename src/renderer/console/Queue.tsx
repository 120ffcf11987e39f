import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { channels } from '@shared/tickets/classification'
import { priorities } from '@shared/tickets/priority'
import { statuses } from '@shared/tickets/status'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { useNow } from '../ui/useNow'
import { defaultFilterFor, queryQueue, type QueueFilter } from './data/queue'
import { SlaBadge } from './SlaBadge'
import { useConsoleStore } from './store'

const rowHeight = 64

export function Queue() {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const meId = useConsoleStore((s) => s.account?.id ?? '')
  const role = useConsoleStore((s) => s.account?.role ?? 'agent')
  const myGroups = useConsoleStore((s) => s.groups?.mine)
  const viewer = useMemo(() => ({ id: meId, groups: myGroups ?? [] }), [meId, myGroups])
  const filter = useConsoleStore((s) => s.filter)
  const setFilter = useConsoleStore((s) => s.setFilter)
  const selectedId = useConsoleStore((s) => s.selectedTicketId)
  const selectTicket = useConsoleStore((s) => s.selectTicket)
  const now = useNow()
  const queue = useLiveQuery(() => (db ? queryQueue(db, filter, viewer, new Date()) : undefined), [db, filter, viewer])
  const rows = queue?.rows ?? []
  const listRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  })

  // A User Timing mark for the benchmark and for profiling: when the queue first showed rows.
  const hasRows = rows.length > 0
  useEffect(() => {
    if (hasRows && performance.getEntriesByName('queue-first-row').length === 0) performance.mark('queue-first-row')
  }, [hasRows])

  // Once the first page is on screen, build the in-memory index that makes later filters fast.
  const answered = queue !== undefined
  useEffect(() => {
    if (!answered || !db) return
    useConsoleStore.getState().setQueueShown()
    void db.queueIndex.load(db)
  }, [answered, db])

  // Only a row on screen may be the active one: a selected ticket that the filters hide, or that is
  // scrolled out of the rendered window, has no element for assistive technology to announce.
  const shownItems = virtualizer.getVirtualItems()
  const activeShown = selectedId !== null && shownItems.some((item) => rows[item.index]?.id === selectedId)

  const move = (event: KeyboardEvent) => {
    if (rows.length === 0) return
    const index = rows.findIndex((row) => row.id === selectedId)
    const next =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, rows.length - 1)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? rows.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    selectTicket(rows[next]!.id)
    virtualizer.scrollToIndex(next)
  }

  const select = <K extends keyof QueueFilter>(key: K, label: string, options: Array<[QueueFilter[K], string]>) => (
    <label>
      <span>{label}</span>
      <select
        value={String(filter[key])}
        onChange={(e) => setFilter({ [key]: e.target.value } as Partial<QueueFilter>)}
      >
        {options.map(([value, text]) => (
          <option key={String(value)} value={String(value)}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )

  return (
    <nav className="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t('console.queue.heading')}</h2>
      <div className="queue-filters">
        <input
          type="search"
          aria-label={t('console.queue.search')}
          placeholder={t('console.queue.search')}
          value={filter.search}
          onChange={(e) => setFilter({ search: e.target.value })}
        />
        {select('scope', t('console.queue.scope'), [
          ['all', t('console.queue.scopes.all')],
          ['mine', t('console.queue.scopes.mine')],
          ['my_groups', t('console.queue.scopes.my_groups')],
          ['unassigned', t('console.queue.scopes.unassigned')],
        ])}
        {select('status', t('console.queue.status'), [
          ['open', t('console.queue.openStatus')],
          ['any', t('console.queue.anyStatus')],
          ...statuses.map((s): [QueueFilter['status'], string] => [s, t(`enums.status.${s}`)]),
        ])}
        {select('priority', t('console.queue.priority'), [
          ['any', t('console.queue.anyPriority')],
          ...priorities.map((p): [QueueFilter['priority'], string] => [p, p]),
        ])}
        {select('channel', t('console.queue.channel'), [
          ['any', t('console.queue.anyChannel')],
          ...channels.map((c): [QueueFilter['channel'], string] => [c, t(`enums.channel.${c}`)]),
        ])}
        <label className="checkbox">
          <input type="checkbox" checked={filter.atRisk} onChange={(e) => setFilter({ atRisk: e.target.checked })} />
          <span>{t('console.queue.atRisk')}</span>
        </label>
      </div>
      <p className="muted queue-count" aria-live="polite">
        {queue === undefined
          ? ''
          : queue.total === null
            ? t('console.queue.limitedMany', { shown: rows.length })
            : queue.total > rows.length
              ? t('console.queue.limited', { shown: rows.length, total: queue.total })
              : t('console.queue.count', { count: queue.total })}
      </p>
      {queue !== undefined && rows.length === 0 && (
        <p className="muted">
          {JSON.stringify(filter) === JSON.stringify(defaultFilterFor(role))
            ? t('console.queue.empty')
            : t('console.queue.noMatch')}
        </p>
      )}
      <div
        ref={listRef}
        className="queue-list"
        role="listbox"
        aria-label={t('console.queue.list')}
        tabIndex={0}
        aria-activedescendant={activeShown ? `queue-${selectedId}` : undefined}
        onKeyDown={move}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {shownItems.map((item) => {
            const ticket = rows[item.index]!
            return (
              <div
                key={ticket.id}
                id={`queue-${ticket.id}`}
                role="option"
                aria-selected={ticket.id === selectedId}
                className="queue-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={() => selectTicket(ticket.id)}
              >
                <span className="queue-row-top">
                  <span className={`priority priority-${ticket.priority}`}>{ticket.priority}</span>
                  <span className="queue-number">
                    {ticket.number ? formatTicketNumber(ticket.number) : t('console.ticket.draftNumber')}
                  </span>
                  <SlaBadge dueAt={ticket.slaDueAt} now={now} />
                </span>
                <span className="queue-subject">{ticket.subject}</span>
                <span className="muted queue-meta">
                  {ticket.requester.name} · {t(`enums.status.${ticket.status}`)} ·{' '}
                  {ticket.assignee?.name ?? t('console.queue.unassigned')}
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </nav>
  )
}
