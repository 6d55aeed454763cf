// Who acts in an exchanged token (RFC 8693 §4.1): the exchanging client, with whoever acted before it nested inside.
import type { FastifyInstance } from 'fastify'
import { ACCESS_TOKEN_TYPE, type Actor, type TokenRequest } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'
import { InvalidRequest } from '../../errors.js'
import { findActiveAccessToken } from '../access-tokens.js'

/** How many actors a token may name, nested: each exchange adds one, and a loop of policies must not grow tokens forever. */
export const MAX_ACTORS = 5

export function actorChain (client: Client, before: Actor | undefined): Actor {
  let depth = 1
  for (let actor = before; actor !== undefined; actor = actor.act) depth++
  if (depth > MAX_ACTORS) throw new InvalidRequest('the subject token has passed through too many clients to be exchanged again')
  return { sub: client.id, client_id: client.id, ...(before !== undefined && { act: before }) }
}

/**
 * Whether the request names an actor: then `actor_token` must be the client's own access token (client_credentials),
 * as RFC 8693 §2.1 has it represent the acting party. Without one the client is still the actor, unless a policy lets
 * it impersonate.
 */
export async function namesActor (app: FastifyInstance, client: Client, request: Pick<TokenRequest, 'actor_token' | 'actor_token_type'>): Promise<boolean> {
  const { actor_token: token, actor_token_type: type } = request
  if (token === undefined) {
    if (type !== undefined) throw new InvalidRequest('actor_token_type is only sent with an actor_token')
    return false
  }
  if (type !== ACCESS_TOKEN_TYPE) throw new InvalidRequest(`actor_token_type must be ${ACCESS_TOKEN_TYPE}`)
  const claims = await findActiveAccessToken(app, token)
  if (!claims || claims.client_id !== client.id || claims.sub !== client.id || claims.act !== undefined) {
    throw new InvalidRequest('the actor token is not an active access token of the client itself')
  }
  return true
}
