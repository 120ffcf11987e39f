import type { TicketCommand } from './commands'
import type { TimelineEvent } from './events'
import type { Actor } from './people'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
export type EventBody = DistributiveOmit<TimelineEvent, 'id' | 'ticketId' | 'author' | 'at'>

/** Builds the events one command produces; ids are `<commandId>:<n>`, so replays produce identical events. */
export function eventFactory(command: TicketCommand, actor: Actor, now: string): (body: EventBody) => TimelineEvent {
  let index = 0
  return (body) => ({
    id: `${command.commandId}:${index++}`,
    ticketId: command.ticketId,
    author: { kind: 'staff', id: actor.id, name: actor.name },
    at: now,
    ...body,
  })
}
