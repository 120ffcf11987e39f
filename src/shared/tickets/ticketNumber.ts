import { z } from 'zod'

/** The hub hands out numbers in order; the uuid stays the identity, the number is what people say on the phone. */
export const ticketNumberSchema = z.number().int().positive()
export type TicketNumber = z.infer<typeof ticketNumberSchema>

const minimumDigits = 6

/** `123` → `T-000123`; numbers past six digits simply grow. */
export function formatTicketNumber(number: TicketNumber): string {
  return `T-${String(number).padStart(minimumDigits, '0')}`
}

/** Reads what an agent types into search: `T-000123`, `t-123`, `T123` or `123`; anything else is `null`. */
export function parseTicketNumber(text: string): TicketNumber | null {
  const match = /^(?:t-?)?(\d{1,12})$/i.exec(text.trim())
  if (!match?.[1]) return null
  const number = Number(match[1])
  return Number.isSafeInteger(number) && number > 0 ? number : null
}
