// GET /.well-known/oauth-authorization-server (RFC 8414).
import Type, { type Static } from 'typebox'

const Strings = Type.Array(Type.String())

export const AuthorizationServerMetadata = Type.Object({
  issuer: Type.String(),
  authorization_endpoint: Type.Optional(Type.String()),
  token_endpoint: Type.String(),
  jwks_uri: Type.String(),
  registration_endpoint: Type.Optional(Type.String()),
  scopes_supported: Type.Optional(Strings),
  response_types_supported: Strings,
  response_modes_supported: Type.Optional(Strings),
  grant_types_supported: Strings,
  token_endpoint_auth_methods_supported: Strings,
  introspection_endpoint: Type.String(),
  introspection_endpoint_auth_methods_supported: Strings,
  revocation_endpoint: Type.String(),
  revocation_endpoint_auth_methods_supported: Strings,
  code_challenge_methods_supported: Type.Optional(Strings),
  pushed_authorization_request_endpoint: Type.Optional(Type.String()),
  authorization_response_iss_parameter_supported: Type.Optional(Type.Boolean()),
  service_documentation: Type.Optional(Type.String())
})
export type AuthorizationServerMetadata = Static<typeof AuthorizationServerMetadata>
