import { z } from 'zod'
import { roleSchema } from '../auth'

/**
 * How an organisation's people sign in: local passwords (may be switched off), OpenID Connect
 * providers and one LDAP directory. Secrets (client secrets, the LDAP bind password) go in and
 * are never sent back: an admin sees only whether one is set.
 */

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost'])

/** `https:`, or `http:` on loopback only (a provider on the hub's own machine, tests). */
export const issuerUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine(
    (value) => {
      const url = new URL(value)
      return url.protocol === 'https:' || loopbackHosts.has(url.hostname)
    },
    { error: 'The issuer must use https (http only on this computer)' },
  )

export const ldapUrlSchema = z
  .string()
  .max(500)
  .regex(/^ldaps?:\/\/[^\s/?#]+\/?$/i, { error: 'An LDAP URL looks like ldap://dc1.example.com:389 or ldaps://…' })

/** One claim value or group DN that gives a role; the highest role any of a person's values maps to wins. */
export const roleMappingSchema = z.object({
  value: z.string().trim().min(1).max(500),
  role: roleSchema,
})
export type RoleMapping = z.infer<typeof roleMappingSchema>

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: 'A domain looks like example.com' })

const oidcProviderFields = {
  displayName: z.string().trim().min(1).max(80),
  issuer: issuerUrlSchema,
  clientId: z.string().trim().min(1).max(300),
  scopes: z
    .string()
    .trim()
    .max(300)
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/, { error: 'Scopes are words separated by spaces' })
    .refine((value) => value.split(' ').includes('openid'), { error: 'The scopes must include openid' }),
  /** The claim that carries groups or roles (`groups`, `roles`, …). */
  roleClaim: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.:/-]+$/, { error: 'A claim name has no spaces' }),
  roleMappings: z.array(roleMappingSchema).min(1).max(100),
  /** E-mail domains allowed to sign in here; empty: any. */
  emailDomains: z.array(domainSchema).max(50),
  createAccounts: z.boolean(),
}

export const oidcProviderInputSchema = z.object({
  ...oidcProviderFields,
  /** Required when creating; left out on an update, the stored one stays. */
  clientSecret: z.string().min(1).max(1000).optional(),
})
export type OidcProviderInput = z.infer<typeof oidcProviderInputSchema>

export const oidcProviderSchema = z.object({
  id: z.uuid(),
  ...oidcProviderFields,
  hasClientSecret: z.boolean(),
})
export type OidcProvider = z.infer<typeof oidcProviderSchema>

const dnSchema = z.string().trim().min(1).max(1000)

const ldapFields = {
  url: ldapUrlSchema,
  startTls: z.boolean(),
  bindDn: dnSchema,
  baseDn: dnSchema,
  /** `{email}` and `{uid}` (the address's local part) are replaced, escaped, with what the person typed. */
  userFilter: z
    .string()
    .trim()
    .min(3)
    .max(1000)
    .regex(/^\(.*\)$/, { error: 'A filter is in parentheses' })
    .refine((value) => value.includes('{email}') || value.includes('{uid}'), {
      error: 'The filter must use {email} or {uid}',
    }),
  /** Groups from an attribute of the person's entry (`memberOf`, Active Directory)… */
  groupAttribute: z
    .string()
    .trim()
    .max(100)
    .regex(/^[A-Za-z0-9-]*$/),
  /** …or from a search under the base DN (`(member={dn})`, OpenLDAP groupOfNames); empty: no search. */
  groupFilter: z
    .string()
    .trim()
    .max(1000)
    .refine((value) => value === '' || (/^\(.*\)$/.test(value) && value.includes('{dn}')), {
      error: 'A group filter is in parentheses and uses {dn}',
    }),
  roleMappings: z.array(roleMappingSchema).min(1).max(100),
  /** Who may sign in through the directory when they have no account yet; empty: any. */
  emailDomains: z.array(domainSchema).max(50),
  createAccounts: z.boolean(),
}

export const ldapInputSchema = z.object({ ...ldapFields, bindPassword: z.string().min(1).max(1000).optional() })
export type LdapInput = z.infer<typeof ldapInputSchema>

export const ldapSettingsSchema = z.object({ ...ldapFields, hasBindPassword: z.boolean() })
export type LdapSettings = z.infer<typeof ldapSettingsSchema>

export const signInSettingsSchema = z.object({
  localPasswords: z.boolean(),
  oidcProviders: z.array(oidcProviderSchema),
  ldap: ldapSettingsSchema.nullable(),
  /** The address to register at each OpenID provider as redirect URI. */
  redirectUri: z.string(),
})
export type SignInSettings = z.infer<typeof signInSettingsSchema>

export const localPasswordsInputSchema = z.object({ enabled: z.boolean() })

/** What the sign-in screen may know before anyone signs in. */
export const publicSignInSchema = z.object({
  providers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
})
export type PublicSignIn = z.infer<typeof publicSignInSchema>

/** The one-time code the web Console finds in its address fragment after an OpenID sign-in. */
export const oidcExchangeRequestSchema = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/) })

/**
 * Where the hub sends the system browser back after a desktop Console's OpenID sign-in: a
 * one-shot listener on the agent's own computer (RFC 8252 §7.3). Only plain http on a loopback
 * address, any port, with a path but no query, fragment or user name.
 */
export const loopbackReturnUrlSchema = z
  .string()
  .max(300)
  .refine(
    (value) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        return false
      }
      return (
        url.protocol === 'http:' &&
        loopbackHosts.has(url.hostname) &&
        url.username === '' &&
        url.password === '' &&
        url.search === '' &&
        url.hash === '' &&
        !value.includes('#') &&
        !value.includes('?')
      )
    },
    { error: 'return_to must be http://127.0.0.1:<port>/…, http://[::1]:<port>/… or http://localhost:<port>/…' },
  )

/** What the hub puts on the loopback address when it sends the browser back. */
export const loopbackCodeParam = 'sso'
export const loopbackErrorParam = 'sso_error'

/** Why an OpenID sign-in was refused; the Console shows each in the person's language. */
export const ssoErrors = [
  'no_role',
  'state',
  'domain',
  'no_account',
  'disabled',
  'other_organisation',
  'no_email',
  'provider',
] as const
export type SsoError = (typeof ssoErrors)[number]
