import type { z } from 'zod'
import type { ProbeResult } from '@shared/diagnostics/snapshot'
import { describeZodError } from '@shared/errors'

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 1000)

/**
 * Runs one probe within its budget and turns every outcome into a result: a throw, a hang or
 * data that does not fit the schema marks this probe and nothing else.
 * A timed-out call keeps running in the background; its late answer is ignored.
 */
export async function runProbe<T extends z.ZodType>(
  run: () => Promise<unknown>,
  schema: T,
  budgetMs: number,
): Promise<ProbeResult<z.output<T>>> {
  const started = performance.now()
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), budgetMs)
  })
  try {
    const outcome = await Promise.race([Promise.resolve().then(run), timeout])
    if (outcome === 'timeout')
      return { status: 'timeout', durationMs: elapsed(), error: `no answer within ${budgetMs} ms` }
    const parsed = schema.safeParse(outcome)
    if (!parsed.success)
      return {
        status: 'failed',
        durationMs: elapsed(),
        error: `unexpected data: ${describeZodError(parsed.error)}`.slice(0, 1000),
      }
    return { status: 'ok', durationMs: elapsed(), data: parsed.data }
  } catch (error) {
    return { status: 'failed', durationMs: elapsed(), error: message(error) }
  } finally {
    clearTimeout(timer)
  }
}
