import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchOrganisation } from '../platform/hubClient'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { CollectingStep, DescribeStep, SentStep, StartStep } from './steps'
import { PreviewStep } from './PreviewStep'
import { useGetHelpStore } from './store'
import { AskForSession, EnterCode } from './SessionEntry'
import { SessionScreen } from './SessionScreen'
import { useSessionStore } from './sessionStore'

export function App({ hubUrl }: { hubUrl: string }) {
  const { t } = useTranslation()
  const [organisation, setOrganisation] = useState<string | null>(null)
  const step = useGetHelpStore((s) => s.step)
  const sessionEntry = useSessionStore((s) => s.entry)
  const inSession = useSessionStore((s) => s.client !== null)

  useEffect(() => {
    useGetHelpStore.getState().init(hubUrl)
    useSessionStore.getState().init(hubUrl)
    fetchOrganisation(hubUrl).then(
      (org) => setOrganisation(org.name),
      () => setOrganisation(null),
    )
  }, [hubUrl])

  return (
    <main className="gethelp">
      <header className="gethelp-header">
        <p className="muted">
          {t('gethelp.supportFor', { organisation: organisation ?? t('gethelp.organisationUnknown') })}
        </p>
        <LanguageSwitch />
      </header>
      {inSession ? (
        <SessionScreen />
      ) : sessionEntry === 'ask' ? (
        <AskForSession />
      ) : sessionEntry === 'code' ? (
        <EnterCode />
      ) : (
        <>
          {step === 'start' && <StartStep />}
          {step === 'describe' && <DescribeStep />}
          {step === 'collecting' && <CollectingStep />}
          {step === 'preview' && <PreviewStep />}
          {step === 'sent' && <SentStep />}
        </>
      )}
    </main>
  )
}
