// Makes sure the APIs (the resource service's and the logbook's), the exchange policy between them and the OAuth clients a Keyhold deployment needs exist at the identity
// service, through its admin API, and leaves each client's credentials in an env file for the service that uses it.
// Idempotent: a client whose file exists and which the identity service still knows is only brought in
// line with the wanted metadata; a lost file gets a new secret for the same client; a lost client is
// registered anew. Usage: node deploy/provision.mjs (configured by the environment, see `env` below).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const env = {
  authUrl: required('AUTH_URL'),
  adminToken: required('ADMIN_TOKEN'),
  dir: process.env.CREDENTIALS_DIR ?? '/var/lib/keyhold/credentials',
  demoUrl: process.env.DEMO_URL ?? 'http://127.0.0.1:4002',
  demoScope: process.env.DEMO_SCOPE ?? 'openid email profile calls',
  // Where the identity service can post the demo its logout tokens: an https address it reaches. None by default, since
  // in Compose the demo is at a private address, which deliveries never go to.
  demoBackchannelLogoutUri: process.env.DEMO_BACKCHANNEL_LOGOUT_URI,
  // The resource service's AUDIENCE: the identifier of its API, whose tokens it may introspect.
  resourceAudience: process.env.RESOURCE_AUDIENCE ?? 'http://127.0.0.1:4001',
  // The logbook service's AUDIENCE.
  logbookAudience: process.env.LOGBOOK_AUDIENCE ?? 'http://127.0.0.1:4003'
}

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'

/** The logbook API; its introspector is the logbook service's client. */
const logbookApi = (introspectors) => ({
  identifier: env.logbookAudience,
  name: 'Keyhold ships’ logs',
  scopes: [
    { name: 'logbook:read', description: 'Read ships’ logs' },
    { name: 'logbook:write', description: 'Write in ships’ logs' }
  ],
  introspectors
})

/** The resource service's API: the scopes its routes ask for; its introspector is the resource service's client. */
const resourceApi = (introspectors) => ({
  identifier: env.resourceAudience,
  name: 'Keyhold ships and calls',
  scopes: [
    { name: 'ships:read', description: 'See the ship catalogue' },
    { name: 'ships:write', description: 'Add, change and remove ships' },
    { name: 'calls', description: 'Make phone calls and see your calls' }
  ],
  introspectors
})

/** Each client: its metadata, the env file it is written to, and the variable names in that file. */
const clients = [
  {
    file: 'resource.env',
    names: ['RESOURCE_CLIENT_ID', 'RESOURCE_CLIENT_SECRET'],
    metadata: {
      client_name: 'Keyhold resource service',
      // It reads ships' logs from the logbook API for its callers, with tokens it exchanges theirs for.
      grant_types: ['client_credentials', TOKEN_EXCHANGE_GRANT],
      token_endpoint_auth_method: 'client_secret_basic'
    }
  },
  {
    file: 'logbook.env',
    names: ['LOGBOOK_CLIENT_ID', 'LOGBOOK_CLIENT_SECRET'],
    metadata: {
      client_name: 'Keyhold logbook service',
      grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'client_secret_basic'
    }
  },
  {
    file: 'demo.env',
    names: ['DEMO_CLIENT_ID', 'DEMO_CLIENT_SECRET'],
    metadata: {
      client_name: 'Keyhold demo',
      grant_types: ['authorization_code', 'refresh_token'],
      redirect_uris: [`${env.demoUrl}/callback`],
      // Where the demo comes back to after signing out at the identity service, and where it hears of sessions ended there.
      post_logout_redirect_uris: [`${env.demoUrl}/`],
      ...(env.demoBackchannelLogoutUri && { backchannel_logout_uri: env.demoBackchannelLogoutUri }),
      scope: env.demoScope,
      token_endpoint_auth_method: 'client_secret_basic'
    }
  }
]

function required (name) {
  const value = process.env[name]
  if (!value) {
    console.error(`${name} is required`)
    process.exit(1)
  }
  return value
}

async function admin (method, path, body) {
  const response = await fetch(`${env.authUrl}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${env.adminToken}`, ...(body && { 'content-type': 'application/json' }) },
    ...(body && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000)
  })
  const text = await response.text()
  if (response.status === 404) return undefined
  if (!response.ok) throw new Error(`${method} /admin${path} answered ${response.status}: ${text}`)
  return text ? JSON.parse(text) : {}
}

async function readIds (path, idName) {
  const text = await readFile(path, 'utf8').catch((error) => error.code === 'ENOENT' ? '' : Promise.reject(error))
  return text.split('\n').find((line) => line.startsWith(`${idName}=`))?.slice(idName.length + 1)
}

async function findByName (name) {
  let after
  do {
    const page = await admin('GET', `/clients?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`)
    const found = page.clients.find((client) => client.client_name === name)
    if (found) return found
    after = page.next
  } while (after)
  return undefined
}

/** Written beside the target and renamed over it, so a reader never sees half a file; readable by the owner only. */
async function writeCredentials (path, [idName, secretName], client) {
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, `${idName}=${client.client_id}\n${secretName}=${client.client_secret}\n`, { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
}

async function waitForIdentityService () {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${env.authUrl}/health`, { signal: AbortSignal.timeout(2000) })
      if (response.ok) return
    } catch {}
    if (attempt === 30) throw new Error(`the identity service at ${env.authUrl} did not become healthy`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

/** Registers the API, or brings the one registered under its identifier in line with it. */
async function provisionApi (definition) {
  let after
  do {
    const page = await admin('GET', `/apis?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`)
    const found = page.apis.find((api) => api.identifier === definition.identifier)
    if (found) return await admin('PUT', `/apis/${encodeURIComponent(found.id)}`, definition)
    after = page.next
  } while (after)
  return await admin('POST', '/apis', definition)
}

/** The resource service may exchange a caller's ships:read token for a logbook:read token: one policy, kept in line. */
async function provisionLogReadingPolicy (resourceClient) {
  const policy = {
    client_id: resourceClient,
    source_api: env.resourceAudience,
    source_scope: 'ships:read',
    target_api: env.logbookAudience,
    target_scope: 'logbook:read'
  }
  for (let after; ;) {
    const page = await admin('GET', `/exchange-policies?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`)
    const found = page.policies.find((existing) => existing.client_id === policy.client_id &&
      existing.source_api === policy.source_api && existing.target_api === policy.target_api)
    if (found) return await admin('PUT', `/exchange-policies/${encodeURIComponent(found.id)}`, policy)
    if (!page.next) break
    after = page.next
  }
  return await admin('POST', '/exchange-policies', policy)
}

async function provision ({ file, names, metadata }) {
  const path = join(env.dir, file)
  const knownId = await readIds(path, names[0])
  const known = knownId && await admin('GET', `/clients/${encodeURIComponent(knownId)}`)
  if (known) {
    await admin('PUT', `/clients/${encodeURIComponent(known.client_id)}`, metadata)
    return `${metadata.client_name}: up to date (${known.client_id})`
  }
  const orphan = await findByName(metadata.client_name)
  if (orphan) {
    await admin('PUT', `/clients/${encodeURIComponent(orphan.client_id)}`, metadata)
    await writeCredentials(path, names, await admin('POST', `/clients/${encodeURIComponent(orphan.client_id)}/secret`))
    return `${metadata.client_name}: new secret for ${orphan.client_id}`
  }
  const created = await admin('POST', '/clients', metadata)
  await writeCredentials(path, names, created)
  return `${metadata.client_name}: registered ${created.client_id}`
}

const clientIdIn = async (file, idName) => readIds(join(env.dir, file), idName)

await mkdir(env.dir, { recursive: true })
await waitForIdentityService()
// The APIs first, so that clients may be allowed their scopes; then each API's client as its introspector.
await provisionApi(resourceApi([]))
await provisionApi(logbookApi([]))
for (const client of clients) console.log(await provision(client))
const resourceClient = await clientIdIn('resource.env', 'RESOURCE_CLIENT_ID')
const api = await provisionApi(resourceApi([resourceClient]))
console.log(`${api.name}: ${api.identifier}, introspected by the resource service`)
const logbook = await provisionApi(logbookApi([await clientIdIn('logbook.env', 'LOGBOOK_CLIENT_ID')]))
console.log(`${logbook.name}: ${logbook.identifier}, introspected by the logbook service`)
await provisionLogReadingPolicy(resourceClient)
console.log('The resource service may read ships’ logs for its callers (an exchange policy)')
