import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { TicketCommandInput } from '@shared/tickets/commands'
import type { ProblemRow } from './data/db'
import { useConsoleStore } from './store'
import { useSubmit } from './useSubmit'

function show(value: unknown, t: (key: string) => string): string {
  if (typeof value === 'string') return value.startsWith('P') ? value : t(`enums.status.${value}`)
  if (value && typeof value === 'object' && 'assignee' in value) {
    const assignment = value as { level: number; group: string | null; assignee: { name: string } | null }
    return [assignment.assignee?.name ?? t('console.queue.unassigned'), assignment.group, `L${assignment.level}`]
      .filter(Boolean)
      .join(' · ')
  }
  return JSON.stringify(value)
}

/**
 * Edits the hub did not apply. A conflict shows both values; "keep mine" sends the edit again on
 * top of the current version, "take theirs" drops it. Nothing disappears without the agent's say.
 */
export function ProblemsDialog() {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const open = useConsoleStore((s) => s.problemsOpen)
  const setOpen = useConsoleStore((s) => s.setProblemsOpen)
  const problems = useLiveQuery(() => (db ? db.problems.orderBy('at').toArray() : []), [db]) ?? []
  const dialog = useRef<HTMLDialogElement>(null)
  const { submit } = useSubmit()

  useEffect(() => {
    const element = dialog.current
    if (open && element && !element.open) element.showModal()
    if (!open && element?.open) element.close()
  }, [open])

  const keepMine = async (problem: ProblemRow) => {
    const current = await db!.tickets.get(problem.ticketId)
    if (!current) return
    const again = {
      ...problem.command,
      commandId: crypto.randomUUID(),
      baseVersion: current.version,
      deviceTime: new Date().toISOString(),
    }
    if (await submit(again as TicketCommandInput)) await db!.problems.delete(problem.commandId)
  }

  return (
    <dialog ref={dialog} aria-labelledby="problems-heading" onClose={() => setOpen(false)}>
      <h2 id="problems-heading">{t('console.problems.heading')}</h2>
      {problems.length === 0 && <p className="muted">{t('console.problems.none')}</p>}
      <ul className="problems">
        {problems.map((problem) => (
          <li key={problem.commandId}>
            <p>
              {problem.kind === 'conflict'
                ? t('console.problems.conflict', {
                    field: t(`console.fields.${problem.field!}`),
                    yours: show(problem.yours, t),
                    theirs: show(problem.theirs, t),
                  })
                : t('console.problems.rejected', { message: problem.message })}
            </p>
            {problem.kind === 'conflict' && (
              <button type="button" onClick={() => void keepMine(problem)}>
                {t('console.problems.keepMine')}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => void db!.problems.delete(problem.commandId)}>
              {problem.kind === 'conflict' ? t('console.problems.takeTheirs') : t('console.problems.dismiss')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('console.problems.close')}
      </button>
    </dialog>
  )
}
