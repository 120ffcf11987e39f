import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { loadAppInfo } from '../platform'
import { setupI18n } from '../ui/i18n'
import '../ui/styles.css'
import { App } from './App'

const [info] = await Promise.all([loadAppInfo('gethelp'), setupI18n()])
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App hubUrl={info.hubUrl} />
  </StrictMode>,
)
