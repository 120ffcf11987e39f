import type { Resources } from './en'

export const de: Resources = {
  language: { label: 'Sprache', en: 'English', de: 'Deutsch' },
  console: {
    title: 'Firstline Console',
    login: {
      heading: 'Anmelden',
      hub: 'Hub: {{url}}',
      email: 'E-Mail-Adresse',
      password: 'Passwort',
      submit: 'Anmelden',
      submitting: 'Anmeldung läuft…',
      invalidCredentials: 'E-Mail-Adresse oder Passwort ist falsch.',
      unreachable: 'Der Hub unter {{url}} ist nicht erreichbar. Prüfen Sie das Netzwerk und versuchen Sie es erneut.',
      tooManyAttempts: 'Zu viele Anmeldeversuche. Bitte warten Sie eine Minute.',
      failed: 'Anmeldung fehlgeschlagen: {{message}}',
    },
    header: { signedInAs: '{{name}} ({{role}})', signOut: 'Abmelden' },
    roles: { agent: '1st-Level-Agent', specialist: '2nd-Level-Spezialist', admin: 'Administrator' },
    queue: { heading: 'Warteschlange', empty: 'Ihre Warteschlange ist leer.' },
    ticket: { heading: 'Ticket', none: 'Wählen Sie ein Ticket aus der Warteschlange.' },
    status: {
      label: 'Hub-Verbindung',
      connecting: 'Verbindung zum Hub wird aufgebaut…',
      online: 'Mit dem Hub verbunden',
      offline: 'Hub nicht erreichbar: offline weiterarbeiten, neuer Versuch läuft',
    },
  },
  gethelp: {
    title: 'Hilfe holen',
    intro: 'Etwas funktioniert nicht? Ihr IT-Support ist einen Klick entfernt.',
    button: 'Hilfe holen',
    organisationUnknown: 'Ihre Organisation',
    supportFor: 'IT-Support für {{organisation}}',
  },
}
