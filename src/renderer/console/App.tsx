import { useConsoleStore, isSignedIn } from './store'
import { LoginScreen } from './LoginScreen'
import { Workspace } from './Workspace'

export function App() {
  const signedIn = useConsoleStore(isSignedIn)
  return signedIn ? <Workspace /> : <LoginScreen />
}
