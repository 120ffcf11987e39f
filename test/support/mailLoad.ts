// Reading the loopback test mailboxes over IMAP, for end-to-end tests.
export {
  countInbox,
  eventually,
  postfixQueueEmpty,
  readInbox,
  type InboxMessage,
} from '../../src/hub/mail/mailLoad.testing'
