/**
 * What the hub's log may say about an error. Database errors carry personal data: PGlite attaches
 * the query's parameters (ticket text, diagnostics), PostgreSQL's DETAIL quotes the failing row or
 * key, and some messages quote the rejected value. The log keeps what finds the fault (code,
 * message, statement, table, column, constraint, stack) and drops or masks the values.
 */
export type LoggedError = {
  type: string
  message: string
  stack: string
  code?: string
  severity?: string
  statement?: string
  detail?: string
  table?: string
  column?: string
  constraint?: string
  routine?: string
  statusCode?: number
}

const masked = '…'

/** Messages that quote the input value, e.g. `invalid input syntax for type uuid: "…"`. */
function maskMessage(message: string): string {
  return message
    .replace(/(invalid input (?:syntax|value) for [^:]+): ".*"$/s, `$1: "${masked}"`)
    .replace(/(\bKey \([^)]*\))=\(.*\)/s, `$1=(${masked})`)
}

/** DETAIL in the shapes that name only columns once the values are masked; any other DETAIL is dropped. */
function maskDetail(detail: string): string | undefined {
  const key = /^(Key \([^)]*\))=\(.*\)( [^()]*)$/s.exec(detail)
  if (key) return `${key[1]}=(${masked})${key[2]}`
  if (detail.startsWith('Failing row contains (')) return `Failing row contains (${masked}).`
  return undefined
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export function redactError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' }
  const e = error as Error & Record<string, unknown>
  const message = maskMessage(e.message)
  const firstLine = e.stack?.indexOf('\n') ?? -1
  const logged: LoggedError = {
    type: e.constructor?.name ?? e.name,
    message,
    stack: e.stack && firstLine >= 0 ? `${e.name}: ${message}${e.stack.slice(firstLine)}` : message,
  }
  const fields = {
    code: text(e.code),
    severity: text(e.severity),
    // PGlite names the statement `query`; the PostgreSQL adapter adds `statement`.
    statement: text(e.statement) ?? text(e.query),
    detail: text(e.detail) === undefined ? undefined : maskDetail(text(e.detail)!),
    table: text(e.table),
    column: text(e.column),
    constraint: text(e.constraint),
    routine: text(e.routine),
  }
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) (logged as unknown as Record<string, string>)[name] = value
  }
  if (typeof e.statusCode === 'number') logged.statusCode = e.statusCode
  return logged
}
