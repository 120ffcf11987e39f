import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HubRequestError } from '../../platform/hubClient'
import { recordsClient, type RecordsClient } from '../../platform/recordsClient'
import { useConsoleStore } from '../store'
import { useRecordsStore } from './recordsStore'

export function useRecordsClient(): RecordsClient {
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token) ?? ''
  return useMemo(() => recordsClient(hubUrl, token), [hubUrl, token])
}

/** A hub failure in the words the Console uses: offline is expected, a refusal carries the hub's reason. */
function useFailureText(doing: 'load' | 'change') {
  const { t } = useTranslation()
  return (error: unknown): string =>
    error instanceof HubRequestError && error.failure.kind === 'unreachable'
      ? t('console.records.offline')
      : t(doing === 'load' ? 'console.records.loadFailed' : 'console.records.refused', {
          message: error instanceof Error ? error.message : String(error),
        })
}

export type Fetched<T> = { data: T | null; error: string | null; loading: boolean }

/**
 * Fetches from the hub whenever `key` changes or records change anywhere; keeps showing the last
 * answer while a new one loads, and after a failure (with the reason beside it).
 */
export function useHubData<T>(key: string, load: (client: RecordsClient) => Promise<T>): Fetched<T> {
  const client = useRecordsClient()
  const version = useRecordsStore((s) => s.version)
  const failureText = useFailureText('load')
  const loader = useRef(load)
  loader.current = load
  const describe = useRef(failureText)
  describe.current = failureText
  const [state, setState] = useState<Fetched<T>>({ data: null, error: null, loading: true })
  useEffect(() => {
    let current = true
    setState((s) => ({ ...s, loading: true }))
    loader.current(client).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ ...s, error: describe.current(error), loading: false })),
    )
    return () => {
      current = false
    }
  }, [client, key, version])
  return state
}

/**
 * Runs one change on the hub; afterwards every records view fetches again and the ticket cache
 * syncs, so status changes the hub made on tickets show at once.
 */
export function useRecordAction() {
  const client = useRecordsClient()
  const failureText = useFailureText('change')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async <T>(work: (client: RecordsClient) => Promise<T>): Promise<T | null> => {
    setBusy(true)
    setError(null)
    try {
      const result = await work(client)
      useRecordsStore.getState().recordsChanged()
      useConsoleStore.getState().sync?.requestSync()
      return result
    } catch (failure) {
      setError(failureText(failure))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { run, busy, error }
}
