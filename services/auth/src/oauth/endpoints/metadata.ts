// GET /.well-known/oauth-authorization-server (RFC 8414): exactly what this server supports.
import type { FastifyInstance } from 'fastify'
import { AuthorizationServerMetadata } from '@keyhold/contracts'
import { grants } from '../grants/index.js'

export function describeServer (app: FastifyInstance): AuthorizationServerMetadata {
  const { issuer, dynamicRegistration } = app.config
  const clientAuthMethods = ['client_secret_basic', 'client_secret_post']
  // Public clients (PKCE) redeem codes, refresh and revoke without a secret; introspection is for confidential ones.
  const withPublic = [...clientAuthMethods, 'none']
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    authorization_endpoint: `${issuer}/authorize`,
    pushed_authorization_request_endpoint: `${issuer}/par`,
    jwks_uri: `${issuer}/jwks.json`,
    ...(dynamicRegistration && { registration_endpoint: `${issuer}/register` }),
    // The legacy ones (token, implicit, password) only for clients an administrator flags (RFC 9700 §2.1.2, §2.4).
    response_types_supported: ['code', 'token'],
    response_modes_supported: ['query', 'fragment'],
    grant_types_supported: [...grants.keys(), 'implicit'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    token_endpoint_auth_methods_supported: withPublic,
    introspection_endpoint: `${issuer}/introspect`,
    introspection_endpoint_auth_methods_supported: clientAuthMethods,
    revocation_endpoint: `${issuer}/revoke`,
    revocation_endpoint_auth_methods_supported: withPublic
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
