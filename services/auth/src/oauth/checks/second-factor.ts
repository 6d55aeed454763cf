// Whether an authorization request needs a sign-in with two factors (acr '2'): REQUIRE_SECOND_FACTOR for everyone,
// the client's require_second_factor, or acr_values (OpenID Connect Core §3.1.2.1) naming no level below '2'.
import type { FastifyInstance } from 'fastify'
import type { Client } from '../../clients/client.js'
import { ACR_VALUES, MULTI_FACTOR_ACR } from '../id-tokens.js'

/**
 * acr_values lists the levels the client would accept, most wanted first. Values this server does not know are
 * ignored (the claim is voluntary); when every known one is '2', a password alone will not do.
 */
function asksForSecondFactor (acrValues: string | undefined): boolean {
  const known = (acrValues ?? '').split(' ').filter((value) => ACR_VALUES.includes(value))
  return known.length > 0 && known.every((value) => value === MULTI_FACTOR_ACR)
}

export function requiresSecondFactor (app: FastifyInstance, client: Client, acrValues: string | undefined): boolean {
  return app.config.secondFactor.required || client.requireSecondFactor === true || asksForSecondFactor(acrValues)
}
