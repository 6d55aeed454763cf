// The administrator's token-exchange policies (RFC 8693): /admin/exchange-policies and /admin/exchange-policies/:id.
import Type, { type Static } from 'typebox'
import { SCOPE_TOKEN, ScopeString } from './scope.js'

const ApiIdentifier = Type.String({ minLength: 1, maxLength: 2000 })

/**
 * Which client may trade an access token for `source_api` holding `source_scope` for a token for `target_api` with
 * `target_scope`; with `impersonation`, the new token may leave out who acts (no `act`) when the request has no actor.
 */
export const ExchangePolicyFields = Type.Object({
  client_id: Type.String({ minLength: 1, maxLength: 200 }),
  source_api: ApiIdentifier,
  source_scope: Type.String({ pattern: `^${SCOPE_TOKEN}$`, maxLength: 200 }),
  target_api: ApiIdentifier,
  target_scope: ScopeString,
  impersonation: Type.Optional(Type.Boolean())
}, { additionalProperties: false })
export type ExchangePolicyFields = Static<typeof ExchangePolicyFields>

export const ExchangePolicy = Type.Object({
  id: Type.String(),
  client_id: Type.String(),
  source_api: Type.String(),
  source_scope: Type.String(),
  target_api: Type.String(),
  target_scope: Type.String(),
  impersonation: Type.Boolean(),
  created_at: Type.String(),
  updated_at: Type.String()
})
export type ExchangePolicy = Static<typeof ExchangePolicy>

export const ExchangePolicyParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
export type ExchangePolicyParams = Static<typeof ExchangePolicyParams>

export const ExchangePolicyListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  after: Type.Optional(Type.String({ maxLength: 100 }))
})
export type ExchangePolicyListQuery = Static<typeof ExchangePolicyListQuery>

export const ExchangePolicyList = Type.Object({
  policies: Type.Array(ExchangePolicy),
  next: Type.Optional(Type.String())
})
export type ExchangePolicyList = Static<typeof ExchangePolicyList>
