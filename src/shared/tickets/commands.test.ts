import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { describeZodError } from '../errors'
import { ticketCommandSchema, ticketLimits } from './commands'

const envelope = (baseVersion: number | null = 3) => ({
  commandId: randomUUID(),
  ticketId: randomUUID(),
  baseVersion,
  deviceTime: '2025-03-03T08:00:00.000Z',
})

const createPayload = {
  subject: 'Printer on 3rd floor jams',
  description: '',
  channel: 'phone',
  requester: { name: 'Eva Klein', email: 'eva@example.org', phone: null, device: null },
  type: 'incident',
  category: 'peripherals',
  impact: 'low',
  urgency: 'medium',
}

function refusal(input: unknown): string {
  const result = ticketCommandSchema.safeParse(input)
  if (result.success) throw new Error('expected the command to be refused')
  return describeZodError(result.error)
}

describe('ticket command schema', () => {
  it('accepts a well-formed create and fills defaults', () => {
    const command = ticketCommandSchema.parse({ ...envelope(null), type: 'create_ticket', payload: createPayload })
    expect(command.type === 'create_ticket' && command.payload.tags).toEqual([])
  })

  it('fills an absent status note with null', () => {
    const command = ticketCommandSchema.parse({ ...envelope(), type: 'change_status', payload: { status: 'resolved' } })
    expect(command.type === 'change_status' && command.payload.note).toBeNull()
  })

  it.each([
    [
      'a priority override without a note',
      { ...envelope(), type: 'change_priority', payload: { priority: 'P1' } },
      'payload.note: Overriding the priority matrix needs a note saying why',
    ],
    [
      'a priority override with a blank note',
      { ...envelope(), type: 'change_priority', payload: { priority: 'P1', note: '   ' } },
      'payload.note: Overriding the priority matrix needs a note saying why',
    ],
    [
      'a create with a base version',
      { ...envelope(4), type: 'create_ticket', payload: createPayload },
      'baseVersion: A new ticket has no base version: send null',
    ],
    [
      'a create without a subject',
      { ...envelope(null), type: 'create_ticket', payload: { ...createPayload, subject: ' ' } },
      'payload.subject: A ticket needs a subject',
    ],
    [
      'an empty note',
      { ...envelope(), type: 'add_note', payload: { visibility: 'public', body: '\n ' } },
      'payload.body: A note cannot be empty',
    ],
    [
      'a hand-off to 2nd level without a group',
      { ...envelope(), type: 'assign', payload: { level: 2, group: null, assignee: null } },
      'payload.group: A ticket handed to 2nd or 3rd level needs a group',
    ],
    [
      'a command id that is not a uuid',
      { ...envelope(), commandId: 'abc', type: 'add_note', payload: { visibility: 'public', body: 'hi' } },
      'commandId: commandId must be a uuid',
    ],
    [
      'a device time with a local offset',
      {
        ...envelope(),
        deviceTime: '2025-03-03T09:00:00+01:00',
        type: 'add_note',
        payload: { visibility: 'public', body: 'hi' },
      },
      'deviceTime: deviceTime must be an ISO date-time in UTC',
    ],
    [
      'a call without a summary',
      { ...envelope(), type: 'log_call', payload: { direction: 'inbound', durationSeconds: 60, summary: '' } },
      'payload.summary: Say in a few words what the call was about',
    ],
  ])('refuses %s with a clear message', (_name, input, message) => {
    expect(refusal(input)).toContain(message)
  })

  it('refuses an edit without a base version', () => {
    expect(refusal({ ...envelope(null), type: 'add_note', payload: { visibility: 'public', body: 'hi' } })).toMatch(
      /^baseVersion:/,
    )
  })

  it('refuses an unknown command type', () => {
    expect(refusal({ ...envelope(), type: 'delete_ticket', payload: {} })).toMatch(/^type:/)
  })

  it('refuses text over the size limits', () => {
    const body = 'x'.repeat(ticketLimits.noteBody + 1)
    expect(refusal({ ...envelope(), type: 'add_note', payload: { visibility: 'internal', body } })).toMatch(
      /^payload\.body:/,
    )
    const subject = 'x'.repeat(ticketLimits.subject + 1)
    expect(refusal({ ...envelope(null), type: 'create_ticket', payload: { ...createPayload, subject } })).toMatch(
      /^payload\.subject:/,
    )
  })

  it('refuses malformed tags and a bad requester e-mail', () => {
    const tags = ['vpn', 'VPN Client']
    expect(refusal({ ...envelope(null), type: 'create_ticket', payload: { ...createPayload, tags } })).toContain(
      'payload.tags.1: A tag is lower case, without spaces',
    )
    const requester = { ...createPayload.requester, email: 'eva at example' }
    expect(refusal({ ...envelope(null), type: 'create_ticket', payload: { ...createPayload, requester } })).toMatch(
      /^payload\.requester\.email:/,
    )
  })
})
