import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import { controlStateSchema } from '@shared/session/input'
import {
  contractRefusalSchema,
  iceConfigSchema,
  invitationSchema,
  inviteSpecialistSchema,
  sessionIdParamsSchema,
  sessionSummarySchema,
} from '@shared/session/api'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { checkGate, reachOf, recordRefusal } from './contractGate'
import { iceConfigFor } from './ice'
import { identify, participantOf } from './identify'
import type { LiveRooms } from './liveRooms'
import { findSession, findSpecialist } from './sessionStore'

const notFound = { error: 'not_found', message: 'There is no such session.' }

/** ICE servers, specialist invitations and the summary of one session. */
export const participantRoutes =
  (db: Database, rooms: LiveRooms): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/sessions/:id/ice',
      { schema: { params: sessionIdParamsSchema, response: { 200: iceConfigSchema, '4xx': hubErrorSchema } } },
      async (request, reply) => {
        const session = await findSession(db, request.params.id)
        const identity = session && (await identify(db, session, request.headers.authorization))
        if (!session || !identity)
          return reply
            .code(401)
            .send({ error: 'unauthorized', message: 'This credential does not belong to this session.' })
        if (session.status === 'ended')
          return reply.code(410).send({ error: 'session_ended', message: 'This session has ended.' })
        const participant = await participantOf(db, session, identity)
        if (!participant)
          return reply
            .code(403)
            .send({ error: 'forbidden', message: 'Join the session first; ICE servers are issued to participants.' })
        const room = await rooms.room(session.id)
        const member = room?.state.members.get(participant.id)
        return iceConfigFor(rooms.settings, participant.id, rooms.now(), !!member && room!.state.mayRelay(member))
      },
    )

    // Get Help's main process asks this itself before it lets remote input through, so a renderer
    // that is wrong about who holds control cannot make it apply anybody's input.
    app.get(
      '/api/sessions/:id/control',
      { schema: { params: sessionIdParamsSchema, response: { 200: controlStateSchema, '4xx': hubErrorSchema } } },
      async (request, reply) => {
        const session = await findSession(db, request.params.id)
        const identity = session && (await identify(db, session, request.headers.authorization))
        if (!session || identity?.kind !== 'end_user')
          return reply
            .code(401)
            .send({ error: 'unauthorized', message: 'This credential does not belong to this session.' })
        const room = await rooms.room(session.id)
        if (!room) return reply.code(410).send({ error: 'session_ended', message: 'This session has ended.' })
        let control = { holder: null as string | null, granted: false }
        await rooms.run(room, async () => {
          const holder = room.state.controlHolder
          const member = holder ? room.state.members.get(holder) : undefined
          control = { holder, granted: !!member?.permissions.has('control') && !room.state.paused }
        })
        return control
      },
    )

    app.post(
      '/api/sessions/:id/invite',
      {
        preHandler: requireAccount(db),
        schema: {
          params: sessionIdParamsSchema,
          body: inviteSpecialistSchema,
          response: { 201: invitationSchema, '4xx': z.union([contractRefusalSchema, hubErrorSchema]) },
        },
      },
      async (request, reply) => {
        const account = request.account!
        const room = await rooms.room(request.params.id)
        if (!room || room.record.organisation.id !== account.organisation.id) return reply.code(404).send(notFound)
        if (room.record.agent?.id !== account.id) {
          return reply
            .code(403)
            .send({ error: 'forbidden', message: 'Only the agent of this session can invite a specialist.' })
        }
        const specialist = await findSpecialist(db, account.organisation.id, request.body.specialistAccountId)
        if (!specialist)
          return reply
            .code(404)
            .send({ error: 'not_found', message: 'There is no active specialist with this id in your organisation.' })
        // A specialist who could not see the device would wait for nothing: the contract is asked first.
        const at = rooms.now()
        const reach = await reachOf(db, account.organisation.id, room.record)
        const refused = await checkGate(db, account.organisation.id, reach, 'view', at)
        if (refused) {
          await db.transaction((tx) =>
            recordRefusal(tx, {
              organisationId: account.organisation.id,
              sessionId: room.record.id,
              ticketId: room.state.session.ticketId,
              step: 'invite',
              actor: { accountId: account.id, participantId: null, role: 'agent', displayName: account.displayName },
              refused,
              at,
            }),
          )
          return reply.code(403).send(refused.refusal)
        }
        const invitationId = randomUUID()
        let refusal: string | null = null
        await rooms.run(room, async () => {
          const agent = [...room.state.members.values()].find((member) => member.accountId === account.id)
          const outcome = room.state.invite(
            agent ?? { id: null, role: 'agent', displayName: account.displayName },
            { accountId: specialist.id, displayName: specialist.displayName },
            invitationId,
          )
          if (!outcome.ok) refusal = outcome.message
          else await rooms.apply(room, outcome)
        })
        if (room.ended) return reply.code(409).send({ error: 'session_ended', message: 'This session has ended.' })
        if (refusal) return reply.code(409).send({ error: 'conflict', message: refusal })
        return reply
          .code(201)
          .send({ invitationId, specialist: { displayName: specialist.displayName }, status: 'awaiting_approval' })
      },
    )

    app.get(
      '/api/sessions/:id/summary',
      {
        preHandler: requireAccount(db),
        schema: { params: sessionIdParamsSchema, response: { 200: sessionSummarySchema, '4xx': hubErrorSchema } },
      },
      async (request, reply) => {
        const session = await findSession(db, request.params.id)
        if (!session || session.organisation.id !== request.account!.organisation.id)
          return reply.code(404).send(notFound)
        const summary = sessionSummarySchema.safeParse(session.summary)
        if (session.status !== 'ended' || !summary.success) {
          return reply
            .code(409)
            .send({ error: 'session_running', message: 'The summary is written when the session ends.' })
        }
        return summary.data
      },
    )
  }
