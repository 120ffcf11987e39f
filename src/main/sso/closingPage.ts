const texts = {
  en: {
    title: 'Firstline sign-in',
    signedIn: 'You are signed in. You can close this window and return to Firstline.',
    notSignedIn: 'The sign-in did not complete. You can close this window; Firstline tells you why.',
  },
  de: {
    title: 'Anmeldung bei Firstline',
    signedIn: 'Sie sind angemeldet. Sie können dieses Fenster schließen und zu Firstline zurückkehren.',
    notSignedIn:
      'Die Anmeldung wurde nicht abgeschlossen. Sie können dieses Fenster schließen; Firstline nennt den Grund.',
  },
} as const

/** The page the system browser shows when it comes back to the desktop Console's listener. */
export function closingPage(language: keyof typeof texts, signedIn: boolean): string {
  const text = texts[language]
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${text.title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;color:#1b1f24;background:#f4f6f8}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.25rem;margin:0 0 .5rem}</style>
</head><body><main><h1>${text.title}</h1><p>${signedIn ? text.signedIn : text.notSignedIn}</p></main></body></html>`
}
