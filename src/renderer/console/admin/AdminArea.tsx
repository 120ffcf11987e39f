import { Suspense, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useModalDialog } from '../../ui/useModalDialog'
import { useConsoleStore } from '../store'
import { useAdminStore } from './adminStore'
import { adminTabs } from './tabs'

/** The header's Administration button (admins only) and the area it opens: one tab per admin screen. */
export function AdminMenu() {
  const { t } = useTranslation()
  const role = useConsoleStore((s) => s.account?.role)
  const open = useAdminStore((s) => s.open)
  if (role !== 'admin') return null
  return (
    <>
      <button type="button" className="secondary" onClick={() => open(adminTabs[0]!.id)}>
        {t('console.admin.open')}
      </button>
      <AdminArea />
    </>
  )
}

function AdminArea() {
  const { t } = useTranslation()
  const tab = useAdminStore((s) => s.tab)
  const open = useAdminStore((s) => s.open)
  const dialog = useModalDialog(!!tab)
  const current = adminTabs.find((candidate) => candidate.id === tab)
  // Arrow keys move between tabs, as in every tab list.
  const onKeyDown = (event: KeyboardEvent) => {
    const index = adminTabs.findIndex((candidate) => candidate.id === tab)
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step || index < 0) return
    const next = adminTabs[(index + step + adminTabs.length) % adminTabs.length]!
    open(next.id)
    document.getElementById(`admin-tab-${next.id}`)?.focus()
  }
  return (
    <dialog ref={dialog} className="admin-area" aria-labelledby="admin-heading" onClose={() => open(null)}>
      <h2 id="admin-heading">{t('console.admin.heading')}</h2>
      <div role="tablist" aria-label={t('console.admin.heading')} onKeyDown={onKeyDown}>
        {adminTabs.map((candidate) => (
          <button
            key={candidate.id}
            id={`admin-tab-${candidate.id}`}
            type="button"
            role="tab"
            aria-selected={candidate.id === tab}
            aria-controls="admin-panel"
            tabIndex={candidate.id === tab ? 0 : -1}
            onClick={() => open(candidate.id)}
          >
            {t(candidate.label)}
          </button>
        ))}
      </div>
      <section id="admin-panel" role="tabpanel" aria-labelledby={current ? `admin-tab-${current.id}` : undefined}>
        {current && (
          <Suspense fallback={<p aria-busy="true">{t('console.admin.loading')}</p>}>
            <current.Component />
          </Suspense>
        )}
      </section>
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={() => open(null)}>
          {t('console.admin.close')}
        </button>
      </div>
    </dialog>
  )
}
