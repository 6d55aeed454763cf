// POST /par: pushed authorization requests (RFC 9126).
import Type, { type Static } from 'typebox'
import { AuthorizationParameters } from './authorize.js'
import { ClientAssertionParameters } from './client-assertion.js'

export const PushedAuthorizationRequest = Type.Object({
  ...AuthorizationParameters.properties,
  client_secret: Type.Optional(Type.String({ maxLength: 4096 })),
  ...ClientAssertionParameters.properties,
  request_uri: Type.Optional(Type.String({ maxLength: 2000 }))
})
export type PushedAuthorizationRequest = Static<typeof PushedAuthorizationRequest>

export const PushedAuthorizationResponse = Type.Object({
  request_uri: Type.String(),
  expires_in: Type.Integer()
})
export type PushedAuthorizationResponse = Static<typeof PushedAuthorizationResponse>
