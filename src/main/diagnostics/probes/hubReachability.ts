import type { ProbeData } from '@shared/diagnostics/snapshot'

type HubData = ProbeData<'network', 'hub'>

function reason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time'
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
    if (typeof cause?.code === 'string') return cause.code
    if (typeof cause?.message === 'string') return cause.message
    return error.message
  }
  return String(error)
}

/**
 * One GET of the hub's health route. This is the only network traffic diagnostics cause: the
 * machine's reachability is judged by the hub the user actually needs, never by public hosts.
 */
export async function probeHub(hubUrl: string, fetchFn: typeof fetch, timeoutMs: number): Promise<HubData> {
  const url = `${hubUrl.replace(/\/+$/, '')}/health`
  const started = performance.now()
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' })
    const latencyMs = Math.round((performance.now() - started) * 10) / 10
    await response.body?.cancel()
    const date = Date.parse(response.headers.get('date') ?? '')
    return {
      url: hubUrl,
      reachable: true,
      latencyMs,
      httpStatus: response.status,
      hubTime: Number.isNaN(date) ? null : new Date(date).toISOString(),
      error: response.ok ? null : `HTTP ${response.status}`,
    }
  } catch (error) {
    return {
      url: hubUrl,
      reachable: false,
      latencyMs: null,
      httpStatus: null,
      hubTime: null,
      error: reason(error).slice(0, 1024),
    }
  }
}
