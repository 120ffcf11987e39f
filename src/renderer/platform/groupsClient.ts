import { groupDirectorySchema, type GroupDirectory } from '@shared/groups'
import { request } from './hubClient'

export function fetchGroups(hubUrl: string, token: string): Promise<GroupDirectory> {
  return request(hubUrl, '/api/groups', (json) => groupDirectorySchema.parse(json), { token })
}
