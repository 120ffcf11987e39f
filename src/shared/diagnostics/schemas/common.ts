import { z } from 'zod'

// systeminformation reports "unknown" as '', null or a missing field depending on platform;
// probes normalise all of those to null so the schemas can stay strict about types.
export const text = z.string().max(1024).nullable()
export const count = z.number().finite().nullable()
export const flag = z.boolean().nullable()

/** Bounds every list so one odd machine cannot blow the snapshot size limit. */
export const list = <T extends z.ZodType>(item: T, max = 256) => z.array(item).max(max)
