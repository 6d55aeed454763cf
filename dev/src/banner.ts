// What `pnpm dev` prints once everything is up: where to go, which credentials to use, where the data is.
import type { Env } from './services.js'
import type { Running } from './start.js'

export function banner ({ urls, adminToken, user, clients }: Running, dataDir: string, env: Env): string {
  const { machine } = clients
  const where = (url: string | undefined, name: string, embedded: string) => url ? `the server at ${name}` : embedded
  return `
Keyhold is running (a development setup: these secrets are for this machine only)

  identity service   ${urls.auth}     discovery: ${urls.auth}/.well-known/oauth-authorization-server
  resource service   ${urls.resource}     API docs:  ${urls.resource}/docs
  logbook service    ${urls.logbook}     ships' logs, read by the resource service on its callers' behalf
  demo client        ${urls.demo}     open it in a browser and sign in

  demo user          ${user.username} / ${user.password}
  admin token        ${adminToken}

  clients            id / secret
    demo             ${clients.demo.id} / ${clients.demo.secret}
    resource service ${clients.resource.id} / ${clients.resource.secret}
    logbook service  ${clients.logbook.id} / ${clients.logbook.secret}
    machine          ${machine.id} / ${machine.secret}   (client_credentials, ships:read ships:write)

  try the API:
    TOKEN=$(curl -s -u '${machine.id}:${machine.secret}' -d grant_type=client_credentials -d scope=ships:read ${urls.auth}/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
    curl -H "Authorization: Bearer $TOKEN" ${urls.resource}/api/ships
    curl -H "Authorization: Bearer $TOKEN" ${urls.resource}/api/ships/1/log    # the logbook, read on your behalf

  data               ${dataDir} (dev-secrets.json keeps the secrets above)
    identity         ${where(env.DATABASE_URL, 'DATABASE_URL', 'embedded Postgres in auth/')}
    resource         ${where(env.RESOURCE_DATABASE_URL, 'RESOURCE_DATABASE_URL', 'embedded Postgres in resource/')}
    tokens, sessions ${where(env.REDIS_URL, 'REDIS_URL', 'in memory: a restart signs everyone out and ends every token')}
`
}
