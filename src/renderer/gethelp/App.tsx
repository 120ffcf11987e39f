import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchOrganisation } from '../platform/hubClient'
import { LanguageSwitch } from '../ui/LanguageSwitch'

export function App({ hubUrl }: { hubUrl: string }) {
  const { t } = useTranslation()
  const [organisation, setOrganisation] = useState<string | null>(null)

  useEffect(() => {
    fetchOrganisation(hubUrl).then(
      (org) => setOrganisation(org.name),
      () => setOrganisation(null),
    )
  }, [hubUrl])

  return (
    <main className="gethelp">
      <header className="gethelp-header">
        <p className="muted">{t('gethelp.supportFor', { organisation: organisation ?? t('gethelp.organisationUnknown') })}</p>
        <LanguageSwitch />
      </header>
      <h1>{t('gethelp.title')}</h1>
      <p>{t('gethelp.intro')}</p>
      <button type="button" className="big-button">
        {t('gethelp.button')}
      </button>
    </main>
  )
}
