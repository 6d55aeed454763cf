// The peer: node-oidc-provider with one confidential client, client credentials and introspection,
// on its default in-memory adapter.
import { generateKeyPairSync } from 'node:crypto'
import type { Server } from 'node:http'
import Provider from 'oidc-provider'
import { closeOnSignal, closeServer, port, ready } from './serve.js'

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'bench', alg: 'ES256', use: 'sig' }

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: process.env.CLIENT_ID!,
    client_secret: process.env.CLIENT_SECRET!,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256',
    scope: 'ships:read ships:write'
  }],
  scopes: ['ships:read', 'ships:write'],
  jwks: { keys: [signingKey] },
  cookies: { keys: [process.env.CLIENT_SECRET!] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // The same rule as ours: any authenticated confidential client may introspect.
    introspection: { enabled: true, allowedPolicy: async (_ctx: unknown, client: { clientAuthMethod: string }) => client.clientAuthMethod !== 'none' }
  }
})

const server: Server = provider.listen(port, '127.0.0.1')
await new Promise((resolve) => server.once('listening', resolve))
closeOnSignal(() => closeServer(server))
ready()
