import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from '../ui/useModalDialog'
import type { TicketCommandInput } from '@shared/tickets/commands'
import { formatTicketNumber } from '@shared/tickets/ticketNumber'
import { cleanText, findUnstorable } from '@shared/text'
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

/** The free-text fields of an edit the agent may correct before sending it again. */
const editableFields = ['subject', 'description', 'body', 'note', 'summary'] as const
type EditableField = (typeof editableFields)[number]

function textFields(problem: ProblemRow): Partial<Record<EditableField, string>> {
  const payload = problem.command.payload as Record<string, unknown>
  const fields: Partial<Record<EditableField, string>> = {}
  for (const field of editableFields) {
    const value = payload[field]
    if (typeof value === 'string') fields[field] = cleanText(value)
  }
  return fields
}

/**
 * Edits the hub did not apply. A conflict shows both values; "keep mine" sends the edit again on
 * top of the current version, "take theirs" drops it. An edit the hub refused or kept failing on
 * can be corrected and sent again, or discarded. Nothing disappears without the agent's say.
 */
export function ProblemsDialog() {
  const { t } = useTranslation()
  const db = useConsoleStore((s) => s.db)
  const open = useConsoleStore((s) => s.problemsOpen)
  const setOpen = useConsoleStore((s) => s.setProblemsOpen)
  const problems = useLiveQuery(() => (db ? db.problems.orderBy('at').toArray() : []), [db]) ?? []
  const numbers =
    useLiveQuery(
      async () =>
        db
          ? new Map(
              (await db.tickets.bulkGet([...new Set(problems.map((p) => p.ticketId))]))
                .filter((ticket) => ticket !== undefined)
                .map((ticket) => [ticket.id, ticket.number]),
            )
          : new Map<string, number>(),
      [db, problems.map((p) => p.ticketId).join()],
    ) ?? new Map<string, number>()
  const { submit, error } = useSubmit()
  const [editing, setEditing] = useState<{ commandId: string; fields: Partial<Record<EditableField, string>> } | null>(
    null,
  )

  const dialog = useModalDialog(open)

  /** Sends the edit again as a new command on top of what the Console has now. */
  const sendAgain = async (problem: ProblemRow, fields: Partial<Record<EditableField, string>> = {}) => {
    const current = await db!.tickets.get(problem.ticketId)
    if (!current && problem.command.type !== 'create_ticket') return
    const again = {
      ...problem.command,
      payload: { ...(problem.command.payload as object), ...fields },
      commandId: crypto.randomUUID(),
      baseVersion: problem.command.type === 'create_ticket' ? null : current!.version,
      deviceTime: new Date().toISOString(),
    }
    if (await submit(again as TicketCommandInput)) {
      await db!.problems.delete(problem.commandId)
      setEditing(null)
    }
  }

  /** The hub's reason, or in the agent's language when it is text the Console can see it could not store. */
  const refusal = (problem: ProblemRow) => {
    const unstorable = findUnstorable(problem.command.payload)
    const field = unstorable?.path[0]
    if (typeof field === 'string' && (editableFields as readonly string[]).includes(field)) {
      return t('console.problems.unstorable', { field: t(`console.problems.fields.${field}`) })
    }
    return t('console.problems.rejected', { message: problem.message })
  }

  const describe = (problem: ProblemRow) => {
    const number = numbers.get(problem.ticketId)
    return t('console.problems.edit', {
      what: t(`console.problems.commands.${problem.command.type}`),
      ticket: number ? formatTicketNumber(number) : t('console.problems.newTicket'),
    })
  }

  return (
    <dialog ref={dialog} aria-labelledby="problems-heading" onClose={() => setOpen(false)}>
      <h2 id="problems-heading">{t('console.problems.heading')}</h2>
      {problems.length === 0 && <p className="muted">{t('console.problems.none')}</p>}
      <ul className="problems">
        {problems.map((problem) => {
          const fields = textFields(problem)
          const isEditing = editing?.commandId === problem.commandId
          return (
            <li key={problem.commandId}>
              <p className="problem-what">{describe(problem)}</p>
              <p>
                {problem.kind === 'conflict'
                  ? t('console.problems.conflict', {
                      field: t(`console.fields.${problem.field!}`),
                      yours: show(problem.yours, t),
                      theirs: show(problem.theirs, t),
                    })
                  : problem.kind === 'failed'
                    ? t('console.problems.failed', { message: problem.message })
                    : refusal(problem)}
              </p>
              {isEditing && (
                <form
                  className="problem-edit"
                  aria-label={t('console.problems.editForm')}
                  onSubmit={(event) => {
                    event.preventDefault()
                    void sendAgain(problem, editing.fields)
                  }}
                >
                  {(Object.keys(editing.fields) as EditableField[]).map((field) => (
                    <label key={field}>
                      {t(`console.problems.fields.${field}`)}
                      <textarea
                        rows={field === 'subject' ? 1 : 3}
                        value={editing.fields[field]}
                        onChange={(event) =>
                          setEditing({ ...editing, fields: { ...editing.fields, [field]: event.target.value } })
                        }
                      />
                    </label>
                  ))}
                  {error && <p role="alert">{error}</p>}
                  <div className="problem-actions">
                    <button type="submit">{t('console.problems.sendAgain')}</button>
                    <button type="button" className="secondary" onClick={() => setEditing(null)}>
                      {t('console.problems.cancel')}
                    </button>
                  </div>
                </form>
              )}
              {!isEditing && (
                <div className="problem-actions">
                  {problem.kind === 'conflict' && (
                    <button type="button" onClick={() => void sendAgain(problem)}>
                      {t('console.problems.keepMine')}
                    </button>
                  )}
                  {problem.kind !== 'conflict' &&
                    (Object.keys(fields).length > 0 ? (
                      <button type="button" onClick={() => setEditing({ commandId: problem.commandId, fields })}>
                        {t('console.problems.editAndSend')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => void sendAgain(problem)}>
                        {t('console.problems.sendAgain')}
                      </button>
                    ))}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void db!.problems.delete(problem.commandId)}
                  >
                    {problem.kind === 'conflict' ? t('console.problems.takeTheirs') : t('console.problems.dismiss')}
                  </button>
                </div>
              )}
            </li>
          )
        })}
      </ul>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('console.problems.close')}
      </button>
    </dialog>
  )
}
