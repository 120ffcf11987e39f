import { existsSync } from 'node:fs'
import { createConnection } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startMailServer } from './mailServer.testing'

const greeting = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString())
    })
    socket.once('error', reject)
  })

describe('the test mail server', () => {
  it('runs several at once, each on its own ports and folder, and leaves nothing behind', async () => {
    const [one, two] = await Promise.all([startMailServer(), startMailServer()])
    expect(one && two, 'postfix/dovecot missing or not root').toBeTruthy()
    try {
      expect(one!.folder).not.toBe(two!.folder)
      expect(new Set([one!.smtp.port, one!.imap.port, two!.smtp.port, two!.imap.port]).size).toBe(4)
      expect(await greeting(one!.smtp.port)).toMatch(/^220 mail\.desk\.test ESMTP/)
      expect(await greeting(two!.imap.port)).toMatch(/^\* OK /)
    } finally {
      await Promise.all([one?.stop(), two?.stop()])
    }
    expect(existsSync(one!.folder)).toBe(false)
    expect(existsSync(two!.folder)).toBe(false)
    await expect(greeting(one!.smtp.port)).rejects.toThrow()
  })
})
