import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EndUserAccess } from '@shared/session/api'
import { testBackends } from '../storage/testDatabases'
import { startSessionHub, type SessionHub } from './testing'

for (const backend of testBackends()) {
  describe(`the ticket of an accepted remote-session request on ${backend.name}`, () => {
    let hub: SessionHub
    beforeAll(async () => {
      hub = await startSessionHub(backend)
    })
    afterAll(() => hub.close())

    it('is the accepting agent’s and in progress, not new in nobody’s queue', async () => {
      const asked = await hub.app.inject({
        method: 'POST',
        url: '/api/sessions/requests',
        payload: {
          enrolment: hub.enrolment,
          requestKey: randomUUID(),
          name: 'Erika Enduser',
          description: 'Outlook hangs when I open the calendar',
        },
      })
      const { sessionId } = asked.json<EndUserAccess>()
      const accepted = await hub.app.inject({
        method: 'POST',
        url: `/api/sessions/${sessionId}/accept`,
        headers: { authorization: `Bearer ${await hub.token('agent')}` },
        payload: {},
      })
      expect(accepted.statusCode).toBe(200)
      const { ticketId } = accepted.json<{ ticketId: string }>()
      const [row] = await hub.db.query<{ status: string; assignee: string | null; subject: string }>(
        "select data->>'status' as status, data->'assignee'->>'name' as assignee, data->>'subject' as subject from tickets where id = $1",
        [ticketId],
      )
      expect(row).toEqual({
        status: 'in_progress',
        assignee: hub.login('agent').displayName,
        subject: 'Outlook hangs when I open the calendar',
      })
    })
  })
}
