// Client authentication by a signed JWT (RFC 7521 §4.2, RFC 7523 §2.2): the parameters every endpoint that
// authenticates clients takes beside client_id and client_secret.
import Type, { type Static } from 'typebox'

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** Longest client_assertion accepted: a signed JWT with an RSA 4096 signature and a few claims is well under 2 KiB. */
export const MAX_CLIENT_ASSERTION_LENGTH = 8192

export const ClientAssertionParameters = Type.Object({
  client_assertion_type: Type.Optional(Type.String({ maxLength: 200 })),
  client_assertion: Type.Optional(Type.String({ maxLength: MAX_CLIENT_ASSERTION_LENGTH }))
})
export type ClientAssertionParameters = Static<typeof ClientAssertionParameters>
