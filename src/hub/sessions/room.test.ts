import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { RoomState, type Member } from './room'

function room(status: 'waiting' | 'active' = 'active') {
  const state = new RoomState({ id: randomUUID(), ticketId: randomUUID(), status })
  const join = (
    role: Member['role'],
    displayName: string,
    accountId: string | null = role === 'end_user' ? null : randomUUID(),
  ) => state.join({ id: randomUUID(), role, displayName, accountId }).member
  const user = join('end_user', 'Erika')
  const agent = join('agent', 'Alex')
  return { state, user, agent, join }
}

describe('session room rules', () => {
  it('lets a specialist in the web Console see and chat, but never request, receive or take control', () => {
    const { state, user, agent } = room()
    const web = state.join({
      id: randomUUID(),
      role: 'specialist',
      displayName: 'Sam',
      accountId: randomUUID(),
      viewOnly: true,
    }).member
    expect(state.snapshot().participants.find((p) => p.id === web.id)).toMatchObject({ viewOnly: true })
    expect(state.consent(user, { type: 'consent', action: 'grant_view', participantId: web.id })).toMatchObject({
      ok: true,
    })
    expect(state.checkSignal(web, user.id)).toMatchObject({ ok: true })
    expect(state.requestPermission(web, 'control')).toMatchObject({ ok: false, error: 'forbidden' })
    expect(state.consent(user, { type: 'consent', action: 'grant_control', participantId: web.id })).toMatchObject({
      ok: false,
      error: 'forbidden',
    })
    expect(state.requestControl(web)).toMatchObject({ ok: false, error: 'forbidden' })
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: agent.id })
    state.requestControl(agent)
    expect(state.proposeHandover(agent, web.id)).toMatchObject({ ok: false, error: 'forbidden' })
    expect(state.handover).toBeNull()
    expect([...web.permissions]).toEqual(['view'])
    expect(state.controlHolder).toBe(agent.id)
  })

  it('never asks an end user in Get Help for the browser for control, and shows them as view-only', () => {
    const state = new RoomState({ id: randomUUID(), ticketId: randomUUID(), status: 'active' })
    const user = state.join({
      id: randomUUID(),
      role: 'end_user',
      displayName: 'Erika',
      accountId: null,
      viewOnly: true,
    }).member
    const agent = state.join({ id: randomUUID(), role: 'agent', displayName: 'Alex', accountId: randomUUID() }).member
    expect(state.snapshot().participants.find((p) => p.id === user.id)).toMatchObject({ viewOnly: true })
    expect(state.requestPermission(agent, 'view')).toMatchObject({ ok: true })
    expect(state.requestPermission(agent, 'control')).toMatchObject({
      ok: false,
      error: 'forbidden',
      message: expect.stringMatching(/Erika uses Get Help in a browser/),
    })
    expect(state.permissionRequests).toEqual([{ participantId: agent.id, permission: 'view' }])
  })

  it('takes control from a specialist who rejoins from the web Console', () => {
    const { state, user } = room()
    const identity = { id: randomUUID(), role: 'specialist' as const, displayName: 'Sam', accountId: randomUUID() }
    const desktop = state.join(identity).member
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: desktop.id })
    expect(state.requestControl(desktop)).toMatchObject({ ok: true })
    desktop.connected = false
    state.join({ ...identity, viewOnly: true })
    expect(state.controlHolder).toBeNull()
    expect([...desktop.permissions]).toEqual(['view'])
  })

  it('gives nobody control without the end user granting it', () => {
    const { state, agent } = room()
    expect(state.requestControl(agent)).toMatchObject({ ok: false, error: 'not_permitted' })
    expect(state.controlHolder).toBeNull()
  })

  it('lets only the end user give consent', () => {
    const { state, agent } = room()
    expect(state.consent(agent, { type: 'consent', action: 'grant_control', participantId: agent.id })).toMatchObject({
      ok: false,
      error: 'forbidden',
    })
    expect(agent.permissions.size).toBe(0)
  })

  it('hands the token to a granted participant and takes it away with the revoke, in the same step', () => {
    const { state, user, agent } = room()
    expect(state.consent(user, { type: 'consent', action: 'grant_control', participantId: agent.id })).toMatchObject({
      ok: true,
    })
    expect([...agent.permissions].sort()).toEqual(['control', 'view'])
    expect(state.requestControl(agent)).toMatchObject({ ok: true })
    expect(state.controlHolder).toBe(agent.id)
    const revoked = state.consent(user, { type: 'consent', action: 'revoke_control', participantId: agent.id })
    expect(revoked).toMatchObject({ ok: true, audit: [{ action: 'control_revoked' }] })
    expect(state.controlHolder).toBeNull()
    expect(state.snapshot().controlHolder).toBeNull()
    expect([...agent.permissions]).toEqual(['view'])
  })

  it('revoking view revokes control too and ends the peer connection rights', () => {
    const { state, user, agent } = room()
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: agent.id })
    state.requestControl(agent)
    state.consent(user, { type: 'consent', action: 'revoke_view', participantId: agent.id })
    expect(agent.permissions.size).toBe(0)
    expect(state.controlHolder).toBeNull()
    expect(state.checkSignal(agent, user.id)).toMatchObject({ ok: false, error: 'not_permitted' })
  })

  it('refuses the token while paused and to a second participant while it is held', () => {
    const { state, user, agent, join } = room()
    const specialist = join('specialist', 'Sam')
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: agent.id })
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: specialist.id })
    state.consent(user, { type: 'consent', action: 'pause' })
    expect(state.requestControl(agent)).toMatchObject({ ok: false, error: 'paused' })
    state.consent(user, { type: 'consent', action: 'resume' })
    expect(state.requestControl(agent)).toMatchObject({ ok: true })
    expect(state.requestControl(specialist)).toMatchObject({ ok: false, error: 'token_held' })
    expect(state.controlHolder).toBe(agent.id)
  })

  it('moves control to a specialist only when the end user approves the hand-over', () => {
    const { state, user, agent, join } = room()
    const specialist = join('specialist', 'Sam')
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: agent.id })
    state.requestControl(agent)
    expect(state.proposeHandover(specialist, agent.id)).toMatchObject({ ok: false, error: 'not_permitted' })
    expect(state.proposeHandover(agent, specialist.id)).toMatchObject({ ok: true })
    expect(state.controlHolder).toBe(agent.id)
    expect(state.snapshot().handover).toEqual({ from: agent.id, to: specialist.id, toName: 'Sam' })
    expect(state.consent(user, { type: 'consent', action: 'deny_handover', to: specialist.id })).toMatchObject({
      ok: true,
    })
    expect(state.controlHolder).toBe(agent.id)
    expect(specialist.permissions.size).toBe(0)
    state.proposeHandover(agent, specialist.id)
    expect(state.consent(user, { type: 'consent', action: 'approve_handover', to: specialist.id })).toMatchObject({
      ok: true,
      audit: [{ action: 'handover_approved', subject: { id: specialist.id } }],
    })
    expect(state.controlHolder).toBe(specialist.id)
  })

  it('admits a specialist only after the end user approves the invited name', () => {
    const { state, user, agent } = room()
    const specialist = { id: randomUUID(), role: 'specialist' }
    expect(state.admit(specialist, agent.accountId)).toMatchObject({ ok: false, error: 'forbidden' })
    const invitationId = randomUUID()
    state.invite(agent, { accountId: specialist.id, displayName: 'Sam' }, invitationId)
    expect(state.admit(specialist, agent.accountId)).toMatchObject({
      ok: false,
      message: expect.stringContaining('not approved'),
    })
    expect(
      state.consent(user, { type: 'consent', action: 'approve_join', invitationId, displayName: 'Mallory' }),
    ).toMatchObject({ ok: false })
    expect(state.admit(specialist, agent.accountId)).toMatchObject({ ok: false })
    expect(
      state.consent(user, { type: 'consent', action: 'approve_join', invitationId, displayName: 'Sam' }),
    ).toMatchObject({ ok: true })
    expect(state.admit(specialist, agent.accountId)).toEqual({ ok: true, role: 'specialist' })
  })

  it('keeps staff out of a request nobody has accepted', () => {
    const { state, agent } = room('waiting')
    expect(state.admit({ id: randomUUID(), role: 'agent' }, agent.accountId)).toMatchObject({ ok: false })
  })

  it('frees the token when its holder leaves and ends the session when the end user leaves', () => {
    const { state, user, agent } = room()
    state.consent(user, { type: 'consent', action: 'grant_control', participantId: agent.id })
    state.requestControl(agent)
    expect(state.leave(agent, 'left')).toMatchObject({ ok: true })
    expect(state.controlHolder).toBeNull()
    expect(state.leave(user, 'connection_lost')).toMatchObject({ ok: true, end: 'end_user_left' })
  })

  it('lets peers signal only the end user, never each other', () => {
    const { state, user, agent, join } = room()
    const specialist = join('specialist', 'Sam')
    state.consent(user, { type: 'consent', action: 'grant_view', participantId: agent.id })
    state.consent(user, { type: 'consent', action: 'grant_view', participantId: specialist.id })
    expect(state.checkSignal(agent, user.id)).toMatchObject({ ok: true })
    expect(state.checkSignal(user, specialist.id)).toMatchObject({ ok: true })
    expect(state.checkSignal(agent, specialist.id)).toMatchObject({ ok: false, error: 'forbidden' })
    expect(state.checkSignal(agent, randomUUID())).toMatchObject({ ok: false, error: 'unknown_participant' })
  })
})
