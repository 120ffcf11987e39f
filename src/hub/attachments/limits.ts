export interface AttachmentLimits {
  /** The largest file the hub stores. */
  maxFileBytes: number
  /** The most bytes of attachments one ticket holds. */
  maxTicketBytes: number
}

export const mebibyte = 1024 * 1024

export const defaultAttachmentLimits: AttachmentLimits = { maxFileBytes: 10 * mebibyte, maxTicketBytes: 50 * mebibyte }

export const describeBytes = (bytes: number): string =>
  bytes >= mebibyte ? `${Math.round((bytes / mebibyte) * 10) / 10} MiB` : `${Math.ceil(bytes / 1024)} KiB`
