import { auditPageSchema, type AuditPage, type AuditQuery } from '@shared/admin/audit'
import { request } from './hubClient'

/** The admin API: online only, like the records; every call needs an admin's token. */
export function adminClient(hubUrl: string, token: string) {
  return {
    audit(query: Partial<AuditQuery>): Promise<AuditPage> {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(query))
        if (value !== undefined && value !== '') params.set(key, String(value))
      return request(hubUrl, `/api/admin/audit?${params}`, (json) => auditPageSchema.parse(json), { token })
    },
  }
}
export type AdminClient = ReturnType<typeof adminClient>
