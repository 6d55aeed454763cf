// The error body of every OAuth endpoint (RFC 6749 §5.2) and of the APIs beside them.
import Type, { type Static } from 'typebox'

export const OAuthErrorBody = Type.Object({
  error: Type.String(),
  error_description: Type.Optional(Type.String())
}, { $id: 'OAuthErrorBody' })
export type OAuthErrorBody = Static<typeof OAuthErrorBody>

/** Response schemas every endpoint shares: the OAuth error body for each failure status. */
export const errorResponses = { '4xx': OAuthErrorBody, '5xx': OAuthErrorBody } as const
