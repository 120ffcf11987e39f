import { lazy, Suspense } from 'react'
import { useConsoleStore, isSignedIn } from './store'
import { LoginScreen } from './LoginScreen'
import { Workspace } from './Workspace'
import { useLinkRoute } from './account/linkRoute'

const LinkPage = lazy(() => import('./account/LinkPage').then((m) => ({ default: m.LinkPage })))

export function App() {
  const signedIn = useConsoleStore(isSignedIn)
  const link = useLinkRoute()
  // An invitation or reset link opens its own page, even over a running sign-in.
  if (link)
    return (
      <Suspense fallback={null}>
        <LinkPage route={link} />
      </Suspense>
    )
  return signedIn ? <Workspace /> : <LoginScreen />
}
