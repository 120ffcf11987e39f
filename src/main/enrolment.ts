import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { formatEnrolmentCode, storedEnrolmentSchema, type StoredEnrolment } from '@shared/enrolment'

/** The file as written: the enrolment and the hub it belongs to (a code means nothing to another hub). */
const enrolmentFileSchema = storedEnrolmentSchema.extend({
  hubUrl: z.string().max(2048),
  savedAt: z.iso.datetime(),
})

export interface EnrolmentStore {
  /** The stored enrolment for this hub, and a code offered on the command line (`--enrol=`) that is not stored yet. */
  get(): Promise<{ enrolment: StoredEnrolment | null; offered: string | null }>
  /** Keeps an enrolment Get Help checked with the hub. */
  set(enrolment: StoredEnrolment): Promise<null>
  /** Forgets it: the hub refused it (revoked, expired) or the user enrols anew. */
  clear(): Promise<null>
}

/**
 * Get Help's enrolment in main's user data: one small JSON file, parsed with the shared schema on
 * every read. A missing, unreadable or corrupt file, or one for another hub, reads as unenrolled.
 */
export function createEnrolmentStore(options: {
  /** Where the file lives; asked only when first used (`app.getPath` is ready by then). */
  file: () => string
  hubUrl: string
  /** The code from `--enrol=`, for mass rollout: Get Help checks it with the hub and stores it on first start. */
  offered?: string | null
}): EnrolmentStore {
  const read = async (): Promise<StoredEnrolment | null> => {
    try {
      const parsed = enrolmentFileSchema.safeParse(JSON.parse(await readFile(options.file(), 'utf8')))
      if (!parsed.success || parsed.data.hubUrl !== options.hubUrl) return null
      const { code, organisationName, customerName } = parsed.data
      return { code, organisationName, customerName }
    } catch {
      return null
    }
  }
  return {
    async get() {
      const enrolment = await read()
      const offered = options.offered ? formatEnrolmentCode(options.offered) : null
      const isStored = offered !== null && enrolment !== null && formatEnrolmentCode(enrolment.code) === offered
      return { enrolment, offered: isStored ? null : offered }
    },
    async set(enrolment) {
      const file = options.file()
      await mkdir(dirname(file), { recursive: true })
      const content = { ...enrolment, hubUrl: options.hubUrl, savedAt: new Date().toISOString() }
      // Written aside and renamed, so a crash mid-write never leaves half a file behind.
      await writeFile(`${file}.tmp`, JSON.stringify(content), { mode: 0o600 })
      await rename(`${file}.tmp`, file)
      return null
    },
    async clear() {
      await rm(options.file(), { force: true })
      return null
    },
  }
}
