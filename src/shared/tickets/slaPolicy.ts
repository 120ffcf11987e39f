import { z } from 'zod'
import { businessCalendarSchema, defaultBusinessCalendar } from './calendar'

export const slaClockKinds = ['around_the_clock', 'business_hours'] as const

export const slaTargetSchema = z.object({
  minutes: z.number().int().positive(),
  clock: z.enum(slaClockKinds),
})
export type SlaTarget = z.infer<typeof slaTargetSchema>

/** `null` means the priority has no such target. */
const prioritySlaSchema = z.object({
  firstResponse: slaTargetSchema.nullable(),
  resolution: slaTargetSchema.nullable(),
})

export const slaPolicySchema = z.object({
  P1: prioritySlaSchema,
  P2: prioritySlaSchema,
  P3: prioritySlaSchema,
  P4: prioritySlaSchema,
  P5: prioritySlaSchema,
})
export type SlaPolicy = z.infer<typeof slaPolicySchema>

export const slaConfigSchema = z.object({ policy: slaPolicySchema, calendar: businessCalendarSchema })
export type SlaConfig = z.infer<typeof slaConfigSchema>

/**
 * Targets are stored in minutes so elapsed time and fractions stay exact. A "business day" in the
 * defaults is one day of the default calendar (08:00–17:00); an organisation with other hours should
 * restate its day-based targets.
 */
export const defaultBusinessDayMinutes = 9 * 60

const aroundTheClock = (minutes: number): SlaTarget => ({ minutes, clock: 'around_the_clock' })
const businessHours = (minutes: number): SlaTarget => ({ minutes, clock: 'business_hours' })
const businessDays = (days: number): SlaTarget => businessHours(days * defaultBusinessDayMinutes)

export const defaultSlaPolicy: SlaPolicy = {
  P1: { firstResponse: aroundTheClock(15), resolution: aroundTheClock(4 * 60) },
  P2: { firstResponse: businessHours(30), resolution: businessHours(8 * 60) },
  P3: { firstResponse: businessHours(2 * 60), resolution: businessDays(2) },
  P4: { firstResponse: businessHours(8 * 60), resolution: businessDays(5) },
  P5: { firstResponse: businessDays(1), resolution: null },
}

export const defaultSlaConfig: SlaConfig = { policy: defaultSlaPolicy, calendar: defaultBusinessCalendar }
