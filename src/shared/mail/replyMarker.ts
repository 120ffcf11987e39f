/**
 * The line above which a requester writes an answer to a desk mail. Intake keeps only what stands
 * above it; both languages' lines are recognised whatever the mail's language.
 */
export const replyMarkerWords = {
  en: 'Please write your reply above this line',
  de: 'Bitte schreiben Sie Ihre Antwort oberhalb dieser Zeile',
} as const

export const replyMarkers = {
  en: `##- ${replyMarkerWords.en} -##`,
  de: `##- ${replyMarkerWords.de} -##`,
} as const

/** `[T-000123] subject`: the token intake threads by when the headers are lost. */
export function mailSubject(ticketNumber: string, subject: string): string {
  return `[${ticketNumber}] ${subject}`
}
