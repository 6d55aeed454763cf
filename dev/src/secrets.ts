// Development secrets: made up on first start and kept in <data dir>/dev-secrets.json (owner-only), so that
// restarts find the same signing keys, clients and password. For development only: it holds them in plain text.
import { randomBytes } from 'node:crypto'
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface Credentials {
  id: string
  secret: string
}

export interface DevSecrets {
  authSecret: string
  adminToken: string
  cookieSecret: string
  demoPassword: string
  /** The OAuth clients registered so far, by role. */
  clients: Record<string, Credentials>
}

const FILE = 'dev-secrets.json'
const random = () => randomBytes(32).toString('base64url')

export async function loadSecrets (dataDir: string): Promise<DevSecrets> {
  const path = join(dataDir, FILE)
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => error.code === 'ENOENT' ? undefined : Promise.reject(error))
  if (text !== undefined) return JSON.parse(text) as DevSecrets
  // Signing keys are sealed under the auth secret: new secrets cannot open an existing database.
  if (await exists(join(dataDir, 'auth'))) {
    throw new Error(`${path} is missing but ${join(dataDir, 'auth')} exists: delete ${dataDir} to start afresh, or restore the file`)
  }
  const secrets = { authSecret: random(), adminToken: random(), cookieSecret: random(), demoPassword: random().slice(0, 16), clients: {} }
  await saveSecrets(dataDir, secrets)
  return secrets
}

/** Written beside the file and renamed over it, so that an interrupted start never leaves half a file. */
export async function saveSecrets (dataDir: string, secrets: DevSecrets): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const path = join(dataDir, FILE)
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 })
  await rename(temporary, path)
}

const exists = (path: string) => access(path).then(() => true, () => false)
