import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import {
  changeListSchema,
  problemListSchema,
  resolveProblemResponseSchema,
  ticketRecordsSchema,
} from '@shared/records/api'
import {
  changeActionRequestSchema,
  changeSchema,
  createChangeRequestSchema,
  linkChangeTicketRequestSchema,
} from '@shared/records/change'
import {
  createProblemRequestSchema,
  knownErrorRequestSchema,
  linkIncidentRequestSchema,
  problemSchema,
  resolveProblemRequestSchema,
  updateProblemRequestSchema,
} from '@shared/records/problem'
import {
  logVendorEntryRequestSchema,
  openVendorCaseRequestSchema,
  updateVendorCaseRequestSchema,
  vendorCaseSchema,
} from '@shared/records/vendorCase'
import type { Realtime } from '../realtime'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { findTicket } from '../tickets/repository'
import { actOnChange, createChange, linkTicketToChange } from './changes'
import { RecordContext } from './context'
import { refuse, type Outcome } from './outcome'
import {
  createProblem,
  linkProblemIncident,
  markKnownError,
  resolveProblem,
  unlinkProblemIncident,
  updateProblem,
} from './problems'
import {
  changesOfTicket,
  findChange,
  findProblem,
  listChanges,
  listProblems,
  problemIdOfTicket,
  vendorCasesOfTicket,
} from './repository'
import { logVendorEntry, openVendorCase, updateVendorCase } from './vendorCases'

const idParams = z.object({ id: z.uuid({ error: 'The id in the address must be a uuid' }) })
const errors = {
  400: hubErrorSchema,
  401: hubErrorSchema,
  403: hubErrorSchema,
  404: hubErrorSchema,
  409: hubErrorSchema,
}
const answers = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...errors })

function reply<T>(response: FastifyReply, outcome: Outcome<T>) {
  if (outcome.ok) return outcome.value
  return response.code(outcome.status).send({ error: outcome.error, message: outcome.message })
}

/**
 * Vendor cases, problems and changes. They live on the hub only (the Console fetches them while
 * online); the ticket changes they cause go through the ticket service and reach every cache.
 */
export const recordRoutes =
  (db: Database, realtime: Realtime, now?: () => Date): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = new RecordContext(db, realtime, now)
    app.addHook('preHandler', requireAccount(db))

    app.get(
      '/api/tickets/:id/records',
      { schema: { params: idParams, response: answers(ticketRecordsSchema) } },
      async (request, response) => {
        const organisationId = request.account!.organisation.id
        const ticketId = request.params.id
        if (!(await findTicket(db, organisationId, ticketId))) return reply(response, refuse('unknown_ticket'))
        const problemId = await problemIdOfTicket(db, ticketId)
        return {
          vendorCases: await vendorCasesOfTicket(db, organisationId, ticketId),
          problem: problemId ? await findProblem(db, organisationId, problemId) : null,
          changes: await changesOfTicket(db, organisationId, ticketId),
        }
      },
    )

    app.post(
      '/api/tickets/:id/vendor-cases',
      { schema: { params: idParams, body: openVendorCaseRequestSchema, response: answers(vendorCaseSchema) } },
      async (request, response) =>
        reply(response, await openVendorCase(ctx, request.account!, request.params.id, request.body)),
    )

    app.post(
      '/api/vendor-cases/:id/entries',
      { schema: { params: idParams, body: logVendorEntryRequestSchema, response: answers(vendorCaseSchema) } },
      async (request, response) =>
        reply(response, await logVendorEntry(ctx, request.account!, request.params.id, request.body)),
    )

    app.patch(
      '/api/vendor-cases/:id',
      { schema: { params: idParams, body: updateVendorCaseRequestSchema, response: answers(vendorCaseSchema) } },
      async (request, response) =>
        reply(response, await updateVendorCase(ctx, request.account!, request.params.id, request.body)),
    )

    app.get('/api/problems', { schema: { response: answers(problemListSchema) } }, async (request) =>
      listProblems(db, request.account!.organisation.id),
    )

    app.post(
      '/api/problems',
      { schema: { body: createProblemRequestSchema, response: answers(problemSchema) } },
      async (request, response) => reply(response, await createProblem(ctx, request.account!, request.body)),
    )

    app.get(
      '/api/problems/:id',
      { schema: { params: idParams, response: answers(problemSchema) } },
      async (request, response) => {
        const problem = await findProblem(db, request.account!.organisation.id, request.params.id)
        return problem ?? reply(response, refuse('not_found'))
      },
    )

    app.patch(
      '/api/problems/:id',
      { schema: { params: idParams, body: updateProblemRequestSchema, response: answers(problemSchema) } },
      async (request, response) =>
        reply(response, await updateProblem(ctx, request.account!, request.params.id, request.body)),
    )

    app.post(
      '/api/problems/:id/known-error',
      { schema: { params: idParams, body: knownErrorRequestSchema, response: answers(problemSchema) } },
      async (request, response) =>
        reply(response, await markKnownError(ctx, request.account!, request.params.id, request.body)),
    )

    app.post(
      '/api/problems/:id/incidents',
      { schema: { params: idParams, body: linkIncidentRequestSchema, response: answers(problemSchema) } },
      async (request, response) =>
        reply(response, await linkProblemIncident(ctx, request.account!, request.params.id, request.body.ticketId)),
    )

    app.delete(
      '/api/problems/:id/incidents/:ticketId',
      {
        schema: {
          params: idParams.extend({ ticketId: z.uuid({ error: 'The ticket id must be a uuid' }) }),
          response: answers(problemSchema),
        },
      },
      async (request, response) =>
        reply(response, await unlinkProblemIncident(ctx, request.account!, request.params.id, request.params.ticketId)),
    )

    app.post(
      '/api/problems/:id/resolve',
      {
        schema: {
          params: idParams,
          body: resolveProblemRequestSchema,
          response: answers(resolveProblemResponseSchema),
        },
      },
      async (request, response) =>
        reply(response, await resolveProblem(ctx, request.account!, request.params.id, request.body)),
    )

    app.get('/api/changes', { schema: { response: answers(changeListSchema) } }, async (request) =>
      listChanges(db, request.account!.organisation.id),
    )

    app.post(
      '/api/changes',
      { schema: { body: createChangeRequestSchema, response: answers(changeSchema) } },
      async (request, response) => reply(response, await createChange(ctx, request.account!, request.body)),
    )

    app.get(
      '/api/changes/:id',
      { schema: { params: idParams, response: answers(changeSchema) } },
      async (request, response) => {
        const change = await findChange(db, request.account!.organisation.id, request.params.id)
        return change ?? reply(response, refuse('not_found'))
      },
    )

    app.post(
      '/api/changes/:id/actions',
      { schema: { params: idParams, body: changeActionRequestSchema, response: answers(changeSchema) } },
      async (request, response) =>
        reply(response, await actOnChange(ctx, request.account!, request.params.id, request.body)),
    )

    app.post(
      '/api/changes/:id/tickets',
      { schema: { params: idParams, body: linkChangeTicketRequestSchema, response: answers(changeSchema) } },
      async (request, response) =>
        reply(response, await linkTicketToChange(ctx, request.account!, request.params.id, request.body.ticketId)),
    )
  }
