// The loopback Postfix + Dovecot of the hub's mail tests, for end-to-end tests, which may not
// import the hub's folder themselves.
export {
  mailServerAvailable,
  startMailServer,
  type TestMailServer,
  type TestMailUser,
} from '../../src/hub/mail/mailServer.testing'
