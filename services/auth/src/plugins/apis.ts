// The API registry, shared by the token endpoints, introspection, the consent page and the admin API.
import fp from 'fastify-plugin'
import { apiRegistry, type ApiRegistry } from '../apis/registry.js'
import { IDENTITY_API_ID } from '../apis/built-in.js'

declare module 'fastify' {
  interface FastifyInstance {
    apis: ApiRegistry
  }
}

export default fp(async (app, opts: { issuer: string, accessTokenTtl: number }) => {
  const registry = apiRegistry(app.stores.apis, opts)
  await foldIssuerApi(registry, opts.issuer)
  app.decorate('apis', registry)
}, { name: 'apis', dependencies: ['stores'] })

/**
 * Clients once allowed to introspect the issuer's audience were migrated into an API named by the issuer, which the
 * migration could not tell from the others: their right belongs to the identity service's own API.
 */
async function foldIssuerApi (registry: ApiRegistry, issuer: string): Promise<void> {
  const { apis } = await registry.current()
  const identity = apis.find((api) => api.id === IDENTITY_API_ID)!
  const migrated = apis.find((api) => !api.builtIn && api.identifier === issuer && api.scopes.length === 0)
  if (!migrated) return
  await registry.setIntrospectors(IDENTITY_API_ID, [...new Set([...identity.introspectors, ...migrated.introspectors])])
  await registry.delete(migrated.id)
}
