// GET /.well-known/oauth-authorization-server (RFC 8414): exactly what this server supports.
import type { FastifyInstance } from 'fastify'
import { AuthorizationServerMetadata } from '@keyhold/contracts'
import { grants } from '../grants/index.js'

export function describeServer (app: FastifyInstance): AuthorizationServerMetadata {
  const { issuer, dynamicRegistration } = app.config
  const clientAuthMethods = ['client_secret_basic', 'client_secret_post']
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks.json`,
    ...(dynamicRegistration && { registration_endpoint: `${issuer}/register` }),
    response_types_supported: [],
    grant_types_supported: [...grants.keys()],
    token_endpoint_auth_methods_supported: clientAuthMethods,
    introspection_endpoint: `${issuer}/introspect`,
    introspection_endpoint_auth_methods_supported: clientAuthMethods,
    revocation_endpoint: `${issuer}/revoke`,
    revocation_endpoint_auth_methods_supported: clientAuthMethods
  }
}

export default async function metadataEndpoint (app: FastifyInstance): Promise<void> {
  const metadata = describeServer(app)
  app.get('/.well-known/oauth-authorization-server', {
    schema: { response: { 200: AuthorizationServerMetadata } }
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600')
    return metadata
  })
}
