import { attachmentListSchema, attachmentSchema, type Attachment } from '@shared/attachments/schema'
import { hubErrorSchema } from '@shared/auth'
import { HubRequestError, request } from './hubClient'

/** Ticket attachments on the hub (online only: a file is uploaded before a reply names it). */
export function attachmentClient(hubUrl: string, token: string) {
  const auth = { authorization: `Bearer ${token}` }

  async function bytes(path: string): Promise<Blob> {
    let response: Response
    try {
      response = await fetch(`${hubUrl}${path}`, { headers: auth })
    } catch {
      throw new HubRequestError({ kind: 'unreachable' })
    }
    if (!response.ok) throw await refusal(response)
    return response.blob()
  }

  return {
    list: (ticketId: string): Promise<Attachment[]> =>
      request(hubUrl, `/api/tickets/${ticketId}/attachments`, (json) => attachmentListSchema.parse(json).attachments, {
        token,
      }),
    async upload(ticketId: string, file: Blob, name: string): Promise<Attachment> {
      let response: Response
      try {
        response = await fetch(`${hubUrl}/api/tickets/${ticketId}/attachments?name=${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: file,
        })
      } catch {
        throw new HubRequestError({ kind: 'unreachable' })
      }
      if (!response.ok) throw await refusal(response)
      return attachmentSchema.parse(await response.json())
    },
    remove: (id: string): Promise<null> =>
      request(hubUrl, `/api/attachments/${id}`, () => null, { method: 'DELETE', token }),
    content: (id: string): Promise<Blob> => bytes(`/api/attachments/${id}/content`),
    preview: (id: string): Promise<Blob> => bytes(`/api/attachments/${id}/preview`),
  }
}

async function refusal(response: Response): Promise<HubRequestError> {
  const body = hubErrorSchema.safeParse(await response.json().catch(() => null))
  return new HubRequestError({
    kind: 'rejected',
    status: response.status,
    error: body.success ? body.data.error : 'http_error',
    message: body.success ? body.data.message : `HTTP ${response.status}`,
  })
}
