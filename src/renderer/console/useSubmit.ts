import { useState } from 'react'
import type { TicketCommandInput } from '@shared/tickets/commands'
import { submitCommand } from './data/submit'
import { actorOf } from './store/workspaceSlice'
import { useConsoleStore } from './store'

type EditBody = { type: string; payload: unknown }

/** Submits edits for the signed-in agent and asks the sync engine to send them right away. */
export function useSubmit() {
  const [error, setError] = useState<string | null>(null)
  const submit = async (input: TicketCommandInput): Promise<boolean> => {
    const { db, account, sync } = useConsoleStore.getState()
    if (!db || !account) return false
    const result = await submitCommand(db, actorOf(account), input)
    setError(result.ok ? null : result.error)
    if (result.ok) sync?.requestSync()
    return result.ok
  }
  /** An edit of an existing ticket, based on the version the agent is looking at. */
  const edit = (ticketId: string, baseVersion: number, body: EditBody) =>
    submit({
      commandId: crypto.randomUUID(),
      ticketId,
      baseVersion,
      deviceTime: new Date().toISOString(),
      ...body,
    } as TicketCommandInput)
  return { submit, edit, error }
}
