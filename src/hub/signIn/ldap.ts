import { Client, InvalidCredentialsError, ResultCodeError, type Entry } from 'ldapts'
import type { StoredLdap } from './repository'

/** What the directory said about an e-mail address and password. */
export type DirectoryAnswer =
  | { kind: 'ok'; dn: string; email: string; displayName: string; groups: string[] }
  /** No such person, or the password is wrong: the same answer, so addresses cannot be probed. */
  | { kind: 'invalid' }
  /** The directory could not be reached, or refused the hub's own service account. */
  | { kind: 'unreachable'; reason: string }

const timeoutMs = 5000

/** RFC 4515: what a person types cannot change the filter's meaning. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

export function userFilter(template: string, email: string): string {
  const uid = email.slice(0, email.lastIndexOf('@'))
  return template.replaceAll('{email}', escapeFilterValue(email)).replaceAll('{uid}', escapeFilterValue(uid))
}

/** DNs compared as directories compare them: case and spaces after separators do not matter. */
export function normaliseDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=+])\s*/g, '$1')
    .toLowerCase()
}

function values(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase())
  if (!key) return []
  const value = entry[key]!
  const list = Array.isArray(value) ? value : [value]
  return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : String(item)))
}

async function connect(ldap: StoredLdap): Promise<Client> {
  const client = new Client({ url: ldap.url, timeout: timeoutMs, connectTimeout: timeoutMs })
  if (ldap.startTls) await client.startTLS({ servername: new URL(ldap.url).hostname })
  return client
}

const isDirectoryAnswer = (error: unknown) => error instanceof ResultCodeError

/**
 * Finds the person with the service account, then binds as them with their password, then reads
 * their groups (an attribute of their entry, a group search, or both). Each bind uses its own
 * connection, so the person's bind never runs a search with their rights.
 */
export async function authenticateWithDirectory(
  ldap: StoredLdap,
  email: string,
  password: string,
): Promise<DirectoryAnswer> {
  // An empty password is an unauthenticated bind, which directories accept: never send one.
  if (password === '') return { kind: 'invalid' }
  let service: Client | undefined
  let person: Client | undefined
  try {
    service = await connect(ldap)
    try {
      await service.bind(ldap.bindDn, ldap.bindPassword)
    } catch (error) {
      if (isDirectoryAnswer(error)) return { kind: 'unreachable', reason: 'the directory refused the service account' }
      throw error
    }
    const wanted = ['mail', 'displayName', 'cn']
    if (ldap.groupAttribute) wanted.push(ldap.groupAttribute)
    const { searchEntries } = await service.search(ldap.baseDn, {
      scope: 'sub',
      filter: userFilter(ldap.userFilter, email),
      attributes: wanted,
      sizeLimit: 2,
    })
    // None, or more than one (an ambiguous filter): nobody to bind as.
    if (searchEntries.length !== 1) return { kind: 'invalid' }
    const entry = searchEntries[0]!
    person = await connect(ldap)
    try {
      await person.bind(entry.dn, password)
    } catch (error) {
      if (error instanceof InvalidCredentialsError || isDirectoryAnswer(error)) return { kind: 'invalid' }
      throw error
    }
    const groups = ldap.groupAttribute ? values(entry, ldap.groupAttribute) : []
    if (ldap.groupFilter) {
      const found = await service.search(ldap.baseDn, {
        scope: 'sub',
        filter: ldap.groupFilter.replaceAll('{dn}', escapeFilterValue(entry.dn)),
        attributes: ['dn'],
        sizeLimit: 500,
      })
      groups.push(...found.searchEntries.map((group) => group.dn))
    }
    return {
      kind: 'ok',
      dn: entry.dn,
      email: (values(entry, 'mail')[0] ?? email).toLowerCase(),
      displayName: values(entry, 'displayName')[0] ?? values(entry, 'cn')[0] ?? email,
      groups,
    }
  } catch (error) {
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : 'unknown error' }
  } finally {
    await Promise.allSettled([service?.unbind(), person?.unbind()])
  }
}
