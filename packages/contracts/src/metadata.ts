// GET /.well-known/oauth-authorization-server (RFC 8414) and /.well-known/openid-configuration (OpenID Connect
// Discovery §3): one document, served at both.
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
  token_endpoint_auth_signing_alg_values_supported: Type.Optional(Strings),
  introspection_endpoint: Type.String(),
  introspection_endpoint_auth_methods_supported: Strings,
  introspection_endpoint_auth_signing_alg_values_supported: Type.Optional(Strings),
  introspection_signing_alg_values_supported: Type.Optional(Strings),
  revocation_endpoint: Type.String(),
  revocation_endpoint_auth_methods_supported: Strings,
  revocation_endpoint_auth_signing_alg_values_supported: Type.Optional(Strings),
  code_challenge_methods_supported: Type.Optional(Strings),
  pushed_authorization_request_endpoint: Type.Optional(Type.String()),
  authorization_response_iss_parameter_supported: Type.Optional(Type.Boolean()),
  service_documentation: Type.Optional(Type.String()),
  userinfo_endpoint: Type.Optional(Type.String()),
  end_session_endpoint: Type.Optional(Type.String()),
  subject_types_supported: Type.Optional(Strings),
  id_token_signing_alg_values_supported: Type.Optional(Strings),
  claims_supported: Type.Optional(Strings),
  prompt_values_supported: Type.Optional(Strings),
  acr_values_supported: Type.Optional(Strings),
  claims_parameter_supported: Type.Optional(Type.Boolean()),
  request_parameter_supported: Type.Optional(Type.Boolean()),
  request_uri_parameter_supported: Type.Optional(Type.Boolean()),
  backchannel_logout_supported: Type.Optional(Type.Boolean()),
  backchannel_logout_session_supported: Type.Optional(Type.Boolean())
})
export type AuthorizationServerMetadata = Static<typeof AuthorizationServerMetadata>
