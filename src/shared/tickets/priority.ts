import { z } from 'zod'

export const levels = ['high', 'medium', 'low'] as const
export const impactSchema = z.enum(levels)
export const urgencySchema = z.enum(levels)
export type Impact = z.infer<typeof impactSchema>
export type Urgency = z.infer<typeof urgencySchema>

export const priorities = ['P1', 'P2', 'P3', 'P4', 'P5'] as const
export const prioritySchema = z.enum(priorities)
export type Priority = z.infer<typeof prioritySchema>

const matrixRowSchema = z.object({ high: prioritySchema, medium: prioritySchema, low: prioritySchema })

/** Rows are impact, columns urgency. */
export const priorityMatrixSchema = z.object({ high: matrixRowSchema, medium: matrixRowSchema, low: matrixRowSchema })
export type PriorityMatrix = z.infer<typeof priorityMatrixSchema>

export const defaultPriorityMatrix: PriorityMatrix = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
}

export function priorityFor(
  impact: Impact,
  urgency: Urgency,
  matrix: PriorityMatrix = defaultPriorityMatrix,
): Priority {
  return matrix[impact][urgency]
}
