import nodemailer from 'nodemailer'
import type { MailSettingsData } from './outbox'

export interface SmtpOptions {
  /** Extra trusted certificate authorities (PEM) for the SMTP server's certificate, e.g. a private CA. */
  tlsCa?: string
}

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
  messageId: string
  inReplyTo: string | null
  references: string
  language: string
  /** RFC 3834: set on the automatic acknowledgement, so out-of-office replies to it stay away. */
  autoReply?: boolean
  /** Files the mail carries, read from the database when it is sent. */
  attachments?: { fileName: string; contentType: string; content: Buffer }[]
}

export type SendOutcome =
  | { ok: true; response: string }
  /** `permanent`: the server refused for good (5xx); `bounce`: it refused the recipient. */
  | { ok: false; permanent: boolean; bounce: boolean; response: string }

/** The organisation's private CA (with the hub's own, if any) replaces the system's; self-signed only when allowed. */
export function tlsOptions(settings: Pick<MailSettingsData, 'tlsCa' | 'allowSelfSigned'>, options: SmtpOptions) {
  const ca = [options.tlsCa, settings.tlsCa].filter((pem): pem is string => Boolean(pem))
  return {
    minVersion: 'TLSv1.2' as const,
    ...(ca.length > 0 ? { ca } : {}),
    rejectUnauthorized: !settings.allowSelfSigned,
  }
}

function transportFor(settings: MailSettingsData, password: string | null, options: SmtpOptions) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
    tls: tlsOptions(settings, options),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })
}

/** Describes a refusal in the server's own words where it gave some. */
function outcomeOf(error: unknown): SendOutcome {
  const e = error as {
    response?: unknown
    responseCode?: unknown
    command?: unknown
    code?: unknown
    message?: unknown
  }
  const response =
    typeof e.response === 'string' && e.response
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(error)
  const code = typeof e.responseCode === 'number' ? e.responseCode : 0
  const permanent = code >= 500 && code < 600
  const bounce = permanent && (e.command === 'RCPT TO' || e.code === 'EENVELOPE')
  return { ok: false, permanent, bounce, response: response.slice(0, 2000) }
}

export async function sendMail(
  settings: MailSettingsData,
  password: string | null,
  mail: OutgoingMail,
  options: SmtpOptions = {},
): Promise<SendOutcome> {
  const transport = transportFor(settings, password, options)
  try {
    const info = await transport.sendMail({
      from: { name: settings.senderName, address: settings.senderAddress },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      ...(mail.references ? { references: mail.references } : {}),
      ...(mail.attachments?.length
        ? {
            attachments: mail.attachments.map((file) => ({
              filename: file.fileName,
              contentType: file.contentType,
              content: file.content,
            })),
          }
        : {}),
      headers: { 'Content-Language': mail.language, ...(mail.autoReply ? { 'Auto-Submitted': 'auto-replied' } : {}) },
    })
    return { ok: true, response: info.response }
  } catch (error) {
    return outcomeOf(error)
  } finally {
    transport.close()
  }
}
