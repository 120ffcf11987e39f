import { useTranslation } from 'react-i18next'
import { useSessionStore } from './sessionStore'

/** The desktop app's choice of screen: shown only when there is more than one to share. */
export function ScreenPicker() {
  const { t } = useTranslation()
  const picking = useSessionStore((s) => s.picking)
  if (!picking) return null
  return (
    <div className="consent-dialog" role="dialog" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('gethelp.session.picker.title')}</h2>
      <ul className="screen-picker">
        {picking.sources.map((source) => (
          <li key={source.id}>
            <button type="button" onClick={() => picking.pick(source.id)}>
              {source.thumbnail && <img src={source.thumbnail} alt="" />}
              <span>
                {t('gethelp.session.picker.share', { name: source.name })}
                {source.primary ? ` (${t('gethelp.session.picker.primary')})` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => picking.pick(null)}>
        {t('gethelp.session.picker.cancel')}
      </button>
    </div>
  )
}
