import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { HubRequestError } from '../../platform/hubClient'
import { peopleClient, type PeopleClient } from '../../platform/peopleClient'
import { useConsoleStore } from '../store'

export function usePeopleClient(): PeopleClient {
  const hubUrl = useConsoleStore((s) => s.hubUrl)
  const token = useConsoleStore((s) => s.token) ?? ''
  return useMemo(() => peopleClient(hubUrl, token), [hubUrl, token])
}

/** A hub failure in the Console's words: offline is expected, a refusal carries the hub's reason. */
export function usePeopleFailureText(doing: 'load' | 'save') {
  const { t } = useTranslation()
  return useCallback(
    (error: unknown): string =>
      error instanceof HubRequestError && error.failure.kind === 'unreachable'
        ? t('console.people.offline')
        : t(doing === 'load' ? 'console.people.loadFailed' : 'console.people.refused', {
            message: error instanceof Error ? error.message : String(error),
          }),
    [t, doing],
  )
}

export type Loaded<T> = { data: T | null; error: string | null; loading: boolean; reload(): void }

/** Fetches from the hub when `key` changes or `reload` is called; keeps the last answer while the next loads. */
export function usePeopleData<T>(key: string | null, load: (client: PeopleClient) => Promise<T>): Loaded<T> {
  const client = usePeopleClient()
  const describe = usePeopleFailureText('load')
  const loader = useRef(load)
  loader.current = load
  const [round, setRound] = useState(0)
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({ data: null, error: null, loading: key !== null })
  useEffect(() => {
    if (key === null) return
    let current = true
    setState((s) => ({ ...s, loading: true }))
    loader.current(client).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState((s) => ({ ...s, error: describe(error), loading: false })),
    )
    return () => {
      current = false
    }
  }, [client, key, round, describe])
  const reload = useCallback(() => setRound((n) => n + 1), [])
  return { ...state, reload }
}

/** Runs one change on the hub and says why when it is refused. */
export function usePeopleAction() {
  const client = usePeopleClient()
  const describe = usePeopleFailureText('save')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async <T>(work: (client: PeopleClient) => Promise<T>): Promise<T | null> => {
    setBusy(true)
    setError(null)
    try {
      return await work(client)
    } catch (failure) {
      setError(describe(failure))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { run, busy, error, setError }
}
