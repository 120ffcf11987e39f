import { useTranslation } from 'react-i18next'
import type { ConnectionFacts as Facts } from '../../platform/session'

const dash = '–'

/** How the user's screen reaches the agent: path, round trip, bitrate and frame rate. */
export function ConnectionFacts({
  facts,
  hubRoundTripMs,
}: {
  facts: Facts | undefined
  hubRoundTripMs: number | null
}) {
  const { t } = useTranslation()
  return (
    <section aria-label={t('console.session.facts.heading')} className="session-facts">
      <h4>{t('console.session.facts.heading')}</h4>
      <dl>
        <dt>{t('console.session.facts.state')}</dt>
        <dd>{facts ? t(`console.session.facts.states.${facts.state}`) : t('console.session.facts.states.none')}</dd>
        <dt>{t('console.session.facts.path')}</dt>
        <dd>{facts?.path ? t(`console.session.facts.paths.${facts.path}`) : dash}</dd>
        <dt>{t('console.session.facts.roundTrip')}</dt>
        <dd>{facts?.roundTripMs != null ? `${facts.roundTripMs} ms` : dash}</dd>
        <dt>{t('console.session.facts.bitrate')}</dt>
        <dd>{facts?.bitrate != null ? `${Math.round(facts.bitrate / 1000)} kbit/s` : dash}</dd>
        <dt>{t('console.session.facts.frameRate')}</dt>
        <dd>{facts?.frameRate != null ? `${facts.frameRate} fps` : dash}</dd>
        <dt>{t('console.session.facts.hub')}</dt>
        <dd>{hubRoundTripMs != null ? `${hubRoundTripMs} ms` : dash}</dd>
      </dl>
    </section>
  )
}
