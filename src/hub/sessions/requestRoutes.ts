import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { hubErrorSchema } from '@shared/auth'
import { z } from 'zod'
import {
  acceptedRequestSchema,
  activeSessionsSchema,
  acceptRequestSchema,
  contractRefusalSchema,
  endUserAccessSchema,
  helpRequestSchema,
  sessionIdParamsSchema,
  waitingRequestsSchema,
} from '@shared/session/api'
import { EnrolmentError, enrolmentGate } from '../enrolment/gate'
import { deviceColumns, insertDevice, toDevice, type DeviceRow } from '../people/devices'
import { requireAccount } from '../routes/requireAccount'
import type { Database, Queryable } from '../storage/db'
import { keyedDigest } from '../storage/hubKey'
import { lockOrganisation } from '../tickets/repository'
import { appendAudit } from './audit'
import { checkGate, reachOf, recordRefusal, ticketReach } from './contractGate'
import type { LiveRooms } from './liveRooms'
import { createSession } from './newSession'
import { createRequestTicket } from './requestTicket'
import {
  acceptWaitingSession,
  findSession,
  listActiveSessionsOf,
  listWaitingSessions,
  setSessionReach,
  ticketNumberOf,
} from './sessionStore'

class AcceptRace extends Error {}

/**
 * The end user's credential of a keyed request, derived from its idempotency key with the
 * installation's key: a retry gets the same credential back, and only its hash is stored, as before.
 */
async function credentialFor(db: Database, requestKey: string): Promise<string> {
  return (await keyedDigest(db, 'session-request-credential', requestKey)).toString('base64url')
}

async function sessionOfRequest(tx: Queryable, organisationId: string, requestKey: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    'select id from remote_sessions where request_key = $1 and organisation_id = $2',
    [requestKey, organisationId],
  )
  return row?.id ?? null
}

/**
 * The device a desktop Get Help names (its host name), looked up by name within the enrolment's
 * customer and recorded as a client when the customer has none of that name yet.
 */
async function deviceOfRequest(
  tx: Queryable,
  organisationId: string,
  customerId: string,
  name: string | undefined,
): Promise<string | null> {
  if (!name) return null
  const [known] = await tx.query<DeviceRow>(
    `select ${deviceColumns} from devices where organisation_id = $1 and customer_id = $2 and lower(name) = lower($3)
      order by created_at limit 1`,
    [organisationId, customerId, name],
  )
  if (known) return toDevice(known).id
  const created = await insertDevice(tx, organisationId, customerId, {
    name,
    kind: 'client',
    group: null,
    contactId: null,
    model: null,
    serial: null,
    os: null,
    notes: '',
  })
  return created.id
}

/** Way in (a): the end user's Get Help request waits in the queue until an agent accepts it. */
export const requestRoutes =
  (db: Database, rooms: LiveRooms, ticketChanged: (organisationId: string) => Promise<void>): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/sessions/requests',
      {
        schema: {
          body: helpRequestSchema,
          response: { 201: endUserAccessSchema, 403: hubErrorSchema, 404: hubErrorSchema, 429: hubErrorSchema },
        },
        // Filed without an account; many users may share one office address, so the limit is generous.
        config: { rateLimit: { max: 30, timeWindow: '10 minutes' } },
      },
      async (request, reply) => {
        // The enrolment names the organisation and customer; without a valid one nothing is queued.
        const enrolment = await enrolmentGate(db)
          .resolve(db, request.body.enrolment, request.ip)
          .catch((error: unknown) => {
            if (error instanceof EnrolmentError) return error
            throw error
          })
        if (enrolment instanceof EnrolmentError)
          return reply.code(enrolment.status).send({ error: enrolment.code, message: enrolment.message })
        const organisation = { id: enrolment.organisationId, name: enrolment.organisationName }
        const now = rooms.now()
        const key = request.body.requestKey?.toLowerCase() ?? null
        const credential = key ? await credentialFor(db, key) : undefined
        const outcome = await db.transaction(async (tx) => {
          await lockOrganisation(tx, organisation.id)
          // Under the organisation's lock, so of two copies sent at the same moment the later finds the first.
          const earlier = key ? await sessionOfRequest(tx, organisation.id, key) : null
          if (earlier) return { repeated: true as const, sessionId: earlier }
          const deviceId = await deviceOfRequest(tx, organisation.id, enrolment.customerId, request.body.deviceName)
          const created = await createSession(
            tx,
            {
              organisationId: organisation.id,
              customerId: enrolment.customerId,
              deviceId,
              ticketId: null,
              origin: 'request',
              status: 'waiting',
              requesterName: request.body.name,
              description: request.body.description,
              agentAccountId: null,
              requestKey: key,
              requestedAt: now,
              startedAt: null,
            },
            (endUser) => ({ action: 'requested', actor: { ...endUser, role: 'end_user' } }),
            now,
            credential,
          )
          return { repeated: false as const, created }
        })
        if (outcome.repeated) {
          // A repeat: the same session and credential; an agent may have accepted it in the meantime.
          const record = await findSession(db, outcome.sessionId)
          return reply.code(201).send({
            sessionId: outcome.sessionId,
            credential: credential!,
            ticketId: record?.ticketId ?? null,
            organisation: { name: organisation.name },
            agent: record?.agent ? { displayName: record.agent.displayName } : null,
          })
        }
        const { created } = outcome
        await rooms.room(created.sessionId)
        return reply.code(201).send({
          sessionId: created.sessionId,
          credential: created.credential,
          ticketId: null,
          organisation: { name: organisation.name },
          agent: null,
        })
      },
    )

    app.get(
      '/api/sessions/requests',
      { preHandler: requireAccount(db), schema: { response: { 200: waitingRequestsSchema } } },
      async (request) => {
        const waiting = await listWaitingSessions(db, request.account!.organisation.id)
        return waiting.map((session) => ({
          sessionId: session.id,
          requesterName: session.requesterName,
          description: session.description ?? '',
          requestedAt: (session.requestedAt ?? new Date(0)).toISOString(),
        }))
      },
    )

    // A code redeemed on the phone opens a session the agent has not seen yet, and a specialist the
    // user approved has a session to join: the Console looks here for both, and to rejoin after a reload.
    app.get(
      '/api/sessions/active',
      { preHandler: requireAccount(db), schema: { response: { 200: activeSessionsSchema } } },
      async (request) => {
        const account = request.account!
        const led = await listActiveSessionsOf(db, account.id)
        const joinable = rooms
          .joinableBy(account.id)
          .map((room) => room.record)
          .filter((record) => record.organisation.id === account.organisation.id)
        const active = [...led, ...joinable.filter((record) => !led.some((session) => session.id === record.id))]
        return active.map((session) => ({
          sessionId: session.id,
          ticketId: session.ticketId,
          requesterName: session.requesterName,
          startedAt: session.startedAt?.toISOString() ?? null,
          customerId: session.customerId,
        }))
      },
    )

    app.post(
      '/api/sessions/:id/accept',
      {
        preHandler: requireAccount(db),
        schema: {
          params: sessionIdParamsSchema,
          body: acceptRequestSchema,
          response: {
            200: acceptedRequestSchema,
            403: z.union([contractRefusalSchema, hubErrorSchema]),
            404: hubErrorSchema,
            409: hubErrorSchema,
          },
        },
      },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'agent')
          return reply.code(403).send({ error: 'forbidden', message: 'Only agents accept requests from the queue.' })
        const id = request.params.id
        const at = rooms.now()
        // The contract decides before anything changes: a refused accept leaves the request waiting.
        const asked = await findSession(db, id)
        if (asked?.status === 'waiting' && asked.organisation.id === account.organisation.id) {
          const ticketId = request.body?.ticketId ?? null
          const reach = asked.customerId
            ? await reachOf(db, account.organisation.id, asked)
            : await ticketReach(db, account.organisation.id, ticketId)
          const refused = await checkGate(db, account.organisation.id, reach, 'view', at)
          if (refused) {
            await db.transaction((tx) =>
              recordRefusal(tx, {
                organisationId: account.organisation.id,
                sessionId: id,
                ticketId,
                step: 'accept',
                actor: { accountId: account.id, participantId: null, role: 'agent', displayName: account.displayName },
                refused,
                at,
              }),
            )
            return reply.code(403).send(refused.refusal)
          }
        }
        const accepted = await db
          .transaction(async (tx) => {
            const waiting = await findSession(tx, id)
            if (waiting?.status !== 'waiting' || waiting.organisation.id !== account.organisation.id) return null
            // Without a ticket of the Console's, the hub makes it here, so the user sees its number at once.
            const ticketId = request.body?.ticketId ?? (await createRequestTicket(tx, account, waiting, at))
            // A session that does not know what it reaches takes it from the ticket the agent chose.
            if (!waiting.customerId) {
              const reach = await ticketReach(tx, account.organisation.id, ticketId)
              if (reach) await setSessionReach(tx, id, reach)
            }
            const done = await acceptWaitingSession(tx, {
              id,
              organisationId: account.organisation.id,
              agentAccountId: account.id,
              ticketId,
              at,
            })
            if (!done) throw new AcceptRace()
            await appendAudit(tx, id, at, [
              {
                action: 'accepted',
                actor: { id: null, role: 'agent', displayName: account.displayName },
                detail: { ticketId },
              },
            ])
            return { ticketId, created: !request.body?.ticketId }
          })
          .catch((error: unknown) => {
            // Another agent accepted between the read and the update: the transaction rolled back, ticket and all.
            if (error instanceof AcceptRace) return null
            throw error
          })
        const record = await findSession(db, id)
        if (!record || record.organisation.id !== account.organisation.id) {
          return reply.code(404).send({ error: 'not_found', message: 'There is no such request.' })
        }
        if (!accepted) {
          return reply.code(409).send(
            record.status === 'ended'
              ? { error: 'session_ended', message: 'The person withdrew this request.' }
              : {
                  error: 'already_accepted',
                  message: `${record.agent?.displayName ?? 'Another agent'} has already accepted this request.`,
                },
          )
        }
        const ticketId = accepted.ticketId
        if (accepted.created) await ticketChanged(account.organisation.id)
        const room = await rooms.room(id)
        const ticketNumber = await ticketNumberOf(db, account.organisation.id, ticketId)
        if (room) {
          await rooms.run(room, async () => {
            room.record = record
            room.state.session = { id, ticketId, ticketNumber, status: 'active' }
            rooms.touch(room)
            rooms.broadcastState(room)
          })
        }
        const pickupSeconds = Math.max(0, Math.round((at.getTime() - (record.requestedAt ?? at).getTime()) / 1000))
        return { sessionId: id, ticketId, pickupSeconds }
      },
    )
  }
