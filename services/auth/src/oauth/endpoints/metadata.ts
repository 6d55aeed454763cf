// GET /.well-known/oauth-authorization-server (RFC 8414) and /.well-known/openid-configuration (OpenID Connect
// Discovery §3): one document, built from what the server serves, at both addresses, so the two always agree.
import type { FastifyInstance } from 'fastify'
import { AuthorizationServerMetadata } from '@keyhold/contracts'
import { ASSERTION_SIGNING_ALGORITHMS } from '../../clients/key-metadata.js'
import { IDENTITY_SCOPES, OFFLINE_ACCESS_SCOPE } from '../../identity-scopes.js'
import { SUPPORTED_CLAIMS } from '../../oidc/claims.js'
import { PROMPT_VALUES } from '../checks/prompt.js'
import { publicDocumentPreflights, READABLE_ANYWHERE } from '../cors/public-documents.js'
import { grants } from '../grants/index.js'
import { ACR_VALUES, ID_TOKEN_ALGORITHMS } from '../id-tokens.js'
import { INTROSPECTION_ALGORITHMS } from '../introspection-jwt.js'

export function describeServer (app: FastifyInstance): AuthorizationServerMetadata {
  const { issuer, dynamicRegistration } = app.config
  const clientAuthMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt']
  // Public clients (PKCE) redeem codes, refresh and revoke without a secret; introspection is for confidential ones.
  const withPublic = [...clientAuthMethods, 'none']
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    authorization_endpoint: `${issuer}/authorize`,
    pushed_authorization_request_endpoint: `${issuer}/par`,
    userinfo_endpoint: `${issuer}/userinfo`,
    end_session_endpoint: `${issuer}/logout`,
    jwks_uri: `${issuer}/jwks.json`,
    ...(dynamicRegistration && { registration_endpoint: `${issuer}/register` }),
    // Every other scope is one an administrator gives a client for an API; these are the identity service's own.
    scopes_supported: [...IDENTITY_SCOPES, OFFLINE_ACCESS_SCOPE],
    // The legacy ones (all but code) only for clients an administrator flags (RFC 9700 §2.1.2, §2.4).
    response_types_supported: ['code', 'token', 'id_token', 'id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: [...grants.keys(), 'implicit'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    token_endpoint_auth_methods_supported: withPublic,
    token_endpoint_auth_signing_alg_values_supported: ASSERTION_SIGNING_ALGORITHMS,
    introspection_endpoint: `${issuer}/introspect`,
    introspection_endpoint_auth_methods_supported: clientAuthMethods,
    introspection_endpoint_auth_signing_alg_values_supported: ASSERTION_SIGNING_ALGORITHMS,
    introspection_signing_alg_values_supported: INTROSPECTION_ALGORITHMS,
    revocation_endpoint: `${issuer}/revoke`,
    revocation_endpoint_auth_methods_supported: withPublic,
    revocation_endpoint_auth_signing_alg_values_supported: ASSERTION_SIGNING_ALGORITHMS,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ID_TOKEN_ALGORITHMS,
    claims_supported: [...SUPPORTED_CLAIMS],
    prompt_values_supported: [...PROMPT_VALUES],
    acr_values_supported: ACR_VALUES,
    claims_parameter_supported: false,
    request_parameter_supported: false,
    // OpenID Connect's request_uri (a request object by reference) is not taken; RFC 9126's pushed one is.
    request_uri_parameter_supported: false,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true
  }
}

export default async function metadataEndpoint (app: FastifyInstance): Promise<void> {
  const metadata = describeServer(app)
  for (const url of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    app.get(url, { config: { cors: READABLE_ANYWHERE }, schema: { response: { 200: AuthorizationServerMetadata } } }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600')
      return metadata
    })
    publicDocumentPreflights(app, url)
  }
}
