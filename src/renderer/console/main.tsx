import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { loadAppInfo } from '../platform'
import { enableOfflineShell } from '../platform/offlineShell'
import { setupI18n } from '../ui/i18n'
import '../ui/styles.css'
import { App } from './App'
import { useConsoleStore } from './store'

const [info] = await Promise.all([loadAppInfo('console'), setupI18n()])
useConsoleStore.getState().restoreSession(info.hubUrl)
void enableOfflineShell()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
