import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Debian's OpenLDAP server (`slapd`, from the `slapd` package) on a free loopback port, in a
 * folder of its own with an mdb database loaded from LDIF by `slapadd`. Answers null when the
 * binary is not installed (`apt-get install slapd ldap-utils`).
 */
export interface TestSlapd {
  url: string
  suffix: string
  stop(): Promise<void>
}

export function slapdBinary(): string | null {
  for (const candidate of ['/usr/sbin/slapd', '/usr/local/sbin/slapd']) if (existsSync(candidate)) return candidate
  const found = spawnSync('sh', ['-c', 'command -v slapd'], { encoding: 'utf8' })
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null
}

const schemaDir = '/etc/ldap/schema'
const moduleDir = '/usr/lib/ldap'

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Resolves once the port takes connections, or rejects when the process ends first. */
async function acceptsConnections(port: number, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`slapd ended (${child.exitCode}): ${output()}`)
    const connected = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port })
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (connected) return
    // slapd opens its port after loading the database; give it the time one failed connect takes.
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`slapd did not open port ${port}: ${output()}`)
}

export async function startSlapd(options: {
  suffix: string
  rootPassword: string
  ldif: string
}): Promise<TestSlapd | null> {
  const binary = slapdBinary()
  if (!binary) return null
  const dir = mkdtempSync(join(tmpdir(), 'firstline-slapd-'))
  mkdirSync(join(dir, 'data'))
  const config = join(dir, 'slapd.conf')
  writeFileSync(
    config,
    [
      `include ${schemaDir}/core.schema`,
      `include ${schemaDir}/cosine.schema`,
      `include ${schemaDir}/inetorgperson.schema`,
      `pidfile ${join(dir, 'slapd.pid')}`,
      `modulepath ${moduleDir}`,
      'moduleload back_mdb',
      'database mdb',
      `suffix "${options.suffix}"`,
      `rootdn "cn=admin,${options.suffix}"`,
      `rootpw ${options.rootPassword}`,
      `directory ${join(dir, 'data')}`,
      'maxsize 16777216',
      // People bind with their password; signed-in entries (the service account) read the tree.
      'access to attrs=userPassword by self read by anonymous auth by * none',
      'access to * by users read by * none',
      '',
    ].join('\n'),
  )
  const ldif = join(dir, 'entries.ldif')
  writeFileSync(ldif, options.ldif)
  const slapadd = spawnSync(binary.replace(/slapd$/, 'slapadd'), ['-f', config, '-l', ldif], { encoding: 'utf8' })
  if (slapadd.status !== 0) throw new Error(`slapadd failed: ${slapadd.stderr}`)
  const port = await freeLoopbackPort()
  const url = `ldap://127.0.0.1:${port}`
  // -d keeps it in the foreground as our child, so stopping it is ours to do.
  const child = spawn(binary, ['-f', config, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    await acceptsConnections(port, child, () => output)
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    url,
    suffix: options.suffix,
    async stop() {
      if (child.exitCode === null) {
        const ended = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await ended
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** People and groups of the test directory; passwords are the users' own, in clear for slapd to compare. */
export const testDirectory = {
  suffix: 'dc=example,dc=com',
  serviceDn: 'cn=firstline-reader,dc=example,dc=com',
  servicePassword: 'reader-secret',
  groups: {
    serviceDesk: 'cn=service-desk,ou=groups,dc=example,dc=com',
    secondLevel: 'cn=second-level,ou=groups,dc=example,dc=com',
    admins: 'cn=it-admins,ou=groups,dc=example,dc=com',
  },
  users: {
    lena: { email: 'lena@example.com', password: 'lena-directory-pass', name: 'Lena Berg' },
    max: { email: 'max@example.com', password: 'max-directory-pass', name: 'Max Richter' },
    tom: { email: 'tom@example.com', password: 'tom-directory-pass', name: 'Tom Sales' },
  },
}

function person(uid: string, user: { email: string; password: string; name: string }): string {
  const [given, ...family] = user.name.split(' ')
  return `dn: uid=${uid},ou=people,dc=example,dc=com
objectClass: inetOrgPerson
uid: ${uid}
cn: ${user.name}
givenName: ${given}
sn: ${family.join(' ')}
displayName: ${user.name}
mail: ${user.email}
userPassword: ${user.password}
`
}

const group = (dn: string, members: string[]) =>
  `dn: ${dn}\nobjectClass: groupOfNames\ncn: ${/^cn=([^,]+)/.exec(dn)![1]}\n${members.map((m) => `member: uid=${m},ou=people,dc=example,dc=com`).join('\n')}\n`

export const testDirectoryLdif = [
  `dn: dc=example,dc=com\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n`,
  `dn: ou=people,dc=example,dc=com\nobjectClass: organizationalUnit\nou: people\n`,
  `dn: ou=groups,dc=example,dc=com\nobjectClass: organizationalUnit\nou: groups\n`,
  `dn: ${testDirectory.serviceDn}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: firstline-reader\nuserPassword: ${testDirectory.servicePassword}\n`,
  person('lena', testDirectory.users.lena),
  person('max', testDirectory.users.max),
  person('tom', testDirectory.users.tom),
  group(testDirectory.groups.serviceDesk, ['lena', 'max']),
  group(testDirectory.groups.admins, ['max']),
  `dn: cn=sales,ou=groups,dc=example,dc=com\nobjectClass: groupOfNames\ncn: sales\nmember: uid=tom,ou=people,dc=example,dc=com\n`,
].join('\n')

/** The settings an admin would enter for the test directory. */
export function testDirectorySettings(url: string) {
  return {
    url,
    startTls: false,
    bindDn: testDirectory.serviceDn,
    bindPassword: testDirectory.servicePassword,
    baseDn: testDirectory.suffix,
    userFilter: '(&(objectClass=inetOrgPerson)(mail={email}))',
    groupAttribute: '',
    groupFilter: '(&(objectClass=groupOfNames)(member={dn}))',
    roleMappings: [
      { value: testDirectory.groups.serviceDesk, role: 'agent' as const },
      { value: testDirectory.groups.secondLevel, role: 'specialist' as const },
      { value: 'CN=IT-Admins, OU=Groups, DC=example, DC=com', role: 'admin' as const },
    ],
    emailDomains: ['example.com'],
    createAccounts: true,
  }
}
