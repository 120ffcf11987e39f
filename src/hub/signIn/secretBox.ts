import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** Marks a stored value as sealed by this box (version 1: AES-256-GCM, 12-byte IV, 16-byte tag). */
const prefix = 'enc1:'
const ivBytes = 12
const tagBytes = 16

/**
 * Directory secrets (OpenID client secrets, LDAP bind passwords) as the database keeps them:
 * sealed with AES-256-GCM under the hub's secret key, so a database dump alone does not give
 * them away. Each value is bound to where it belongs (`context`: table, column and row) as
 * additional data, so a sealed secret copied into another row does not open there.
 */
export interface SecretBox {
  seal(plain: string, context: string): string
  /**
   * The secret, or null when it does not open with this key (another key sealed it, or it was
   * changed): the hub then treats it as missing, and an admin re-enters it. A value stored
   * before secrets were sealed is answered as it is.
   */
  open(stored: string, context: string): string | null
}

export const isSealed = (stored: string) => stored.startsWith(prefix)

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes')
  return {
    seal(plain, context) {
      const iv = randomBytes(ivBytes)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return `${prefix}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`
    },
    open(stored, context) {
      if (!isSealed(stored)) return stored
      const raw = Buffer.from(stored.slice(prefix.length), 'base64url')
      if (raw.length < ivBytes + tagBytes) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, ivBytes))
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes))
        return Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}

/** Where each secret belongs; part of what its seal authenticates. */
export const secretContext = {
  clientSecret: (providerId: string) => `oidc_providers.client_secret:${providerId}`,
  bindPassword: (organisationId: string) => `sign_in_settings.ldap_bind_password:${organisationId}`,
}

let processBox: SecretBox | null = null
/**
 * A box under a random key of this process, for hubs built without a configured key (tests that
 * build the app on a throwaway database). `startHub` always passes the configured one.
 */
export function processSecretBox(): SecretBox {
  processBox ??= createSecretBox(randomBytes(32))
  return processBox
}
