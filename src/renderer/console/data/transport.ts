import { HubRequestError, syncTransport } from '../../platform/hubClient'
import { PushRefusedError, UnauthorizedError, type SyncTransport } from './syncEngine'

/** Answers that say "later", not "never": a slow-down or a hub that is starting or behind a proxy timing out. */
const transientStatuses = new Set([408, 429, 502, 503, 504])

/**
 * The hub over HTTP. An expired session becomes UnauthorizedError so sync stops instead of retrying;
 * a push the hub answered with an error becomes PushRefusedError, so the sync engine can find and
 * set aside the command it refuses instead of retrying the same batch for ever.
 */
export function httpSyncTransport(hubUrl: string, token: string): SyncTransport {
  const http = syncTransport(hubUrl, token)
  const guard = async <T>(call: () => Promise<T>, refusal: boolean): Promise<T> => {
    try {
      return await call()
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error
      const { failure } = error
      if (failure.kind === 'rejected' && failure.status === 401) throw new UnauthorizedError('session expired')
      if (refusal && failure.kind === 'rejected' && !transientStatuses.has(failure.status)) {
        throw new PushRefusedError(failure.message)
      }
      throw error
    }
  }
  return {
    push: (commands) => guard(() => http.push(commands), true),
    pull: (after, limit) => guard(() => http.pull(after, limit), false),
  }
}
