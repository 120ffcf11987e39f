// The loopback OpenID provider of the hub's sign-in tests, for tests outside src/hub (the desktop
// Console's sign-in in main), which may not import the hub's folder themselves.
export {
  signInThroughProvider,
  startTestOidcProvider,
  type TestOidcProvider,
} from '../../src/hub/signIn/oidcProvider.testing'
