import { describe, expect, it } from 'vitest'
import type { SessionState } from '@shared/session/protocol'
import { pendingQuestion } from './pendingQuestion'

const user = '00000000-0000-4000-8000-000000000001'
const agent = '00000000-0000-4000-8000-000000000002'
const specialist = '00000000-0000-4000-8000-000000000003'

function state(patch: Partial<SessionState> = {}): SessionState {
  return {
    type: 'state',
    session: { id: '00000000-0000-4000-8000-0000000000aa', ticketId: null, status: 'active', paused: false },
    participants: [
      { id: user, role: 'end_user', displayName: 'Erika', permissions: [], connected: true },
      { id: agent, role: 'agent', displayName: 'Alex', permissions: [], connected: true },
    ],
    controlHolder: null,
    invitations: [],
    handover: null,
    permissionRequests: [],
    ...patch,
  }
}

describe('the one question Get Help puts to the user', () => {
  it('asks about the screen when an agent arrives, and not again once answered unless asked anew', () => {
    expect(pendingQuestion(state(), [])).toEqual({ kind: 'view', participantId: agent, name: 'Alex' })
    expect(pendingQuestion(state(), [agent])).toBeNull()
    expect(
      pendingQuestion(state({ permissionRequests: [{ participantId: agent, permission: 'view' }] }), [agent]),
    ).toEqual({ kind: 'view', participantId: agent, name: 'Alex' })
  })

  it('does not ask about someone who is away or may already see the screen', () => {
    const away = state()
    away.participants[1]!.connected = false
    expect(pendingQuestion(away, [])).toBeNull()
    const viewing = state()
    viewing.participants[1]!.permissions = ['view']
    expect(pendingQuestion(viewing, [])).toBeNull()
  })

  it('asks about control only when control is requested, and puts hand-overs and joins first', () => {
    const viewing = state({ permissionRequests: [{ participantId: agent, permission: 'control' }] })
    viewing.participants[1]!.permissions = ['view']
    expect(pendingQuestion(viewing, [])).toEqual({ kind: 'control', participantId: agent, name: 'Alex' })

    const joining = state({
      ...viewing,
      invitations: [{ id: '00000000-0000-4000-8000-0000000000bb', displayName: 'Sam Specialist', invitedBy: 'Alex' }],
    })
    expect(pendingQuestion(joining, [])).toMatchObject({
      kind: 'invitation',
      name: 'Sam Specialist',
      invitedBy: 'Alex',
    })

    const handing = state({ ...joining, handover: { from: agent, to: specialist, toName: 'Sam Specialist' } })
    expect(pendingQuestion(handing, [])).toEqual({
      kind: 'handover',
      to: specialist,
      from: 'Alex',
      toName: 'Sam Specialist',
    })
  })
})
