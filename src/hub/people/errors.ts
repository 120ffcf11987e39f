/** A refusal the people routes answer as a 4xx with a readable message; nothing was changed. */
export class PeopleError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new PeopleError(404, 'not_found', `There is no such ${what}.`)

/** A unique index refused the row: someone else took the name, domain, address or serial at the same moment. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}

export const iso = (value: Date | string) => new Date(value).toISOString()

/** A LIKE pattern that finds `text` anywhere, with the pattern characters in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
