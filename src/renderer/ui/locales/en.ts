export const en = {
  language: { label: 'Language', en: 'English', de: 'Deutsch' },
  console: {
    title: 'Firstline Console',
    login: {
      heading: 'Sign in',
      hub: 'Hub: {{url}}',
      email: 'E-mail address',
      password: 'Password',
      submit: 'Sign in',
      submitting: 'Signing in…',
      invalidCredentials: 'E-mail address or password is wrong.',
      unreachable: 'The hub at {{url}} cannot be reached. Check the network and try again.',
      tooManyAttempts: 'Too many sign-in attempts. Wait a minute and try again.',
      failed: 'Sign-in failed: {{message}}',
    },
    header: { signedInAs: '{{name}} ({{role}})', signOut: 'Sign out' },
    roles: { agent: '1st-level agent', specialist: '2nd-level specialist', admin: 'Administrator' },
    queue: { heading: 'Queue', empty: 'Your queue is empty.' },
    ticket: { heading: 'Ticket', none: 'Select a ticket from the queue.' },
    status: {
      label: 'Hub connection',
      connecting: 'Connecting to the hub…',
      online: 'Connected to the hub',
      offline: 'Hub unreachable: working offline, retrying',
    },
  },
  gethelp: {
    title: 'Get Help',
    intro: 'Something is not working? Your IT support is one click away.',
    button: 'Get help',
    organisationUnknown: 'your organisation',
    supportFor: 'IT support for {{organisation}}',
  },
}

/** The shape every language must fill: same keys, any strings. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }
export type Resources = Strings<typeof en>
