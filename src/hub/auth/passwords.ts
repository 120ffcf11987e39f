import { hash, verify } from '@node-rs/argon2'

// Argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
const params = { memoryCost: 19456, timeCost: 2, parallelism: 1 }

export function hashPassword(password: string): Promise<string> {
  return hash(password, params)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against this when the account does not exist keeps response times equal,
// so login timing does not reveal which e-mail addresses have accounts.
let decoyHash: Promise<string> | undefined
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword('decoy password that matches nothing')
  return decoyHash
}
