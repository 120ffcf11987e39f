import { HubRequestError, syncTransport } from '../../platform/hubClient'
import { UnauthorizedError, type SyncTransport } from './syncEngine'

/** The hub over HTTP; an expired session becomes UnauthorizedError so sync stops instead of retrying. */
export function httpSyncTransport(hubUrl: string, token: string): SyncTransport {
  const http = syncTransport(hubUrl, token)
  const guard = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      if (error instanceof HubRequestError && error.failure.kind === 'rejected' && error.failure.status === 401) {
        throw new UnauthorizedError('session expired')
      }
      throw error
    }
  }
  return {
    push: (commands) => guard(() => http.push(commands)),
    pull: (after, limit) => guard(() => http.pull(after, limit)),
  }
}
