import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { hubErrorSchema } from '@shared/auth'
import {
  groupDirectorySchema,
  groupIdSchema,
  groupMembersUpdateSchema,
  groupUpdateSchema,
  groupWithMembersSchema,
} from '@shared/groups'
import { recordAdminAction } from '../audit/adminAudit'
import type { Realtime } from '../realtime'
import { requireAccount } from '../routes/requireAccount'
import type { Database } from '../storage/db'
import { groupIds, groupsOf, listGroupsWithMembers, saveGroup, setGroupMembers } from './repository'
import { currentCursor } from '../tickets/repository'

const params = z.object({ id: groupIdSchema })
const adminOnly = { error: 'forbidden', message: 'Only an administrator may change specialist groups.' }

export const groupRoutes =
  (db: Database, realtime: Realtime): FastifyPluginAsyncZod =>
  async (app) => {
    app.addHook('preHandler', requireAccount(db))

    app.get('/api/groups', { schema: { response: { 200: groupDirectorySchema } } }, async (request) => {
      const account = request.account!
      const organisationId = account.organisation.id
      return {
        groups: await listGroupsWithMembers(db, organisationId),
        mine: await groupsOf(db, organisationId, account.id),
      }
    })

    const groupWithMembers = async (organisationId: string, id: string) =>
      (await listGroupsWithMembers(db, organisationId)).find((g) => g.id === id)

    const announce = async (organisationId: string) =>
      realtime.broadcast(organisationId, { type: 'changed', cursor: await currentCursor(db, organisationId) })

    app.put(
      '/api/groups/:id',
      { schema: { params, body: groupUpdateSchema, response: { 200: groupWithMembersSchema, 403: hubErrorSchema } } },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'admin') return reply.code(403).send(adminOnly)
        const organisationId = account.organisation.id
        await db.transaction(async (tx) => {
          await saveGroup(tx, organisationId, { id: request.params.id, ...request.body })
          await recordAdminAction(tx, account, {
            action: 'group.updated',
            target: { kind: 'group', id: request.params.id, name: request.body.name },
            details: request.body,
          })
        })
        await announce(organisationId)
        return (await groupWithMembers(organisationId, request.params.id))!
      },
    )

    app.put(
      '/api/groups/:id/members',
      {
        schema: {
          params,
          body: groupMembersUpdateSchema,
          response: { 200: groupWithMembersSchema, 400: hubErrorSchema, 403: hubErrorSchema, 404: hubErrorSchema },
        },
      },
      async (request, reply) => {
        const account = request.account!
        if (account.role !== 'admin') return reply.code(403).send(adminOnly)
        const organisationId = account.organisation.id
        if (!(await groupIds(db, organisationId)).includes(request.params.id))
          return reply.code(404).send({ error: 'not_found', message: 'There is no such group.' })
        const result = await db.transaction(async (tx) => {
          const outcome = await setGroupMembers(tx, organisationId, request.params.id, request.body.accountIds)
          if (outcome.unknown.length === 0) {
            await recordAdminAction(tx, account, {
              action: 'group.members_set',
              target: { kind: 'group', id: request.params.id, name: null },
              details: { accountIds: request.body.accountIds },
            })
          }
          return outcome
        })
        if (result.unknown.length > 0) {
          return reply
            .code(400)
            .send({ error: 'unknown_account', message: `No such account here: ${result.unknown.join(', ')}` })
        }
        await announce(organisationId)
        return (await groupWithMembers(organisationId, request.params.id))!
      },
    )
  }
