import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../ui/LanguageSwitch'
import { useEnrolmentStore } from './enrolment'
import { NotEnrolled } from './NotEnrolled'
import { CollectingStep, DescribeStep, SentStep, StartStep } from './steps'
import { PreviewStep } from './PreviewStep'
import { useGetHelpStore } from './store'
import { AskForSession, EnterCode } from './SessionEntry'
import { SessionScreen } from './SessionScreen'
import { useSessionStore } from './sessionStore'

export function App({ hubUrl }: { hubUrl: string }) {
  const { t } = useTranslation()
  const enrolmentStatus = useEnrolmentStore((s) => s.status)
  const enrolment = useEnrolmentStore((s) => s.enrolment)
  const step = useGetHelpStore((s) => s.step)
  const sessionEntry = useSessionStore((s) => s.entry)
  const inSession = useSessionStore((s) => s.client !== null)

  useEffect(() => {
    useGetHelpStore.getState().init(hubUrl)
    useSessionStore.getState().init(hubUrl)
    void useEnrolmentStore.getState().init(hubUrl)
  }, [hubUrl])

  return (
    <main className="gethelp">
      <header className="gethelp-header">
        <p className="muted">
          {enrolment
            ? t('gethelp.enrolment.for', {
                customer: enrolment.customerName,
                organisation: enrolment.organisationName,
              })
            : t('gethelp.enrolment.notSetUp')}
        </p>
        <LanguageSwitch />
      </header>
      {inSession ? (
        <SessionScreen />
      ) : enrolmentStatus === 'checking' ? (
        <p role="status">{t('gethelp.enrolment.checking')}</p>
      ) : enrolmentStatus === 'unenrolled' ? (
        <NotEnrolled />
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
