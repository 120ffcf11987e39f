import type { Finding } from '@shared/diagnostics/findings'
import { suggestGroup, type Group, type GroupSuggestion } from '@shared/groups'
import type { TimelineEvent } from '@shared/tickets/events'
import type { Handoff } from '@shared/tickets/handoff'
import { linkedArticles } from '@shared/tickets/knowledge'
import type { Ticket } from '@shared/tickets/model'

/** The escalation form's fields: the handoff, with the workaround split into a box and a text. */
export interface HandoffForm {
  symptoms: string
  impact: Handoff['impact']
  urgency: Handoff['urgency']
  impactReason: string
  stepsTried: string
  articlesTried: Handoff['articlesTried']
  diagnostics: Handoff['diagnostics']
  session: Handoff['session']
  workaroundApplied: boolean
  workaround: string
  reachability: string
  targetGroup: string
}

export interface TicketFindings {
  diagnosticsId: string
  findings: readonly Finding[]
}

function sessionSummary(events: readonly TimelineEvent[]): Handoff['session'] {
  const last = events.filter((e) => e.type === 'session_summary').at(-1)
  if (last?.type !== 'session_summary') return null
  const minutes = Math.round((Date.parse(last.payload.endedAt) - Date.parse(last.payload.startedAt)) / 60_000)
  const who = last.payload.participants.map((p) => p.name).join(', ')
  const allowed = last.payload.permissions.join(' + ') || 'none'
  const summary = `${minutes} min with ${who}; allowed: ${allowed}; ${last.payload.connection} connection`
  return { sessionId: last.payload.sessionId, summary: summary.slice(0, 500) }
}

/**
 * A first draft of the handoff from what the ticket already knows, so the agent checks and completes
 * it instead of typing it again: symptoms from the description, steps tried from internal notes,
 * the linked articles, the newest diagnostics and their findings, the last session, and the group
 * the category and findings point to.
 */
export function draftHandoff(
  ticket: Ticket,
  events: readonly TimelineEvent[],
  findings: TicketFindings | null,
  groups: readonly Group[],
): { form: HandoffForm; suggestion: GroupSuggestion | null } {
  const notes = events
    .filter((e) => e.type === 'internal_note')
    .map((e) => (e.type === 'internal_note' ? e.payload.body : ''))
  const tags = findings?.findings.flatMap((f) => f.tags) ?? []
  const text = [ticket.subject, ticket.description, ...ticket.tags].join('\n')
  const suggestion = suggestGroup(groups, ticket.category, tags, text)
  return {
    suggestion,
    form: {
      symptoms: (ticket.description.trim() || ticket.subject).slice(0, 4000),
      impact: ticket.impact,
      urgency: ticket.urgency,
      impactReason: '',
      stepsTried: notes.join('\n').slice(0, 4000),
      articlesTried: linkedArticles(ticket).map((a) => ({ id: a.id, title: a.title })),
      diagnostics: findings
        ? {
            diagnosticsId: findings.diagnosticsId,
            findings: findings.findings
              .slice(0, 30)
              .map((f) => ({ id: f.id.slice(0, 200), title: f.title.en.slice(0, 300), tags: f.tags.slice(0, 20) })),
          }
        : null,
      session: sessionSummary(events),
      workaroundApplied: false,
      workaround: '',
      reachability: '',
      targetGroup: suggestion?.group ?? '',
    },
  }
}

/** The form as the command's handoff; the schema decides what is missing. */
export function handoffFromForm(form: HandoffForm): unknown {
  const { workaroundApplied, workaround, ...rest } = form
  return {
    ...rest,
    workaround: workaroundApplied ? { applied: true, description: workaround } : { applied: false },
  }
}
