// grant_type=urn:ietf:params:oauth:grant-type:token-exchange (RFC 8693): a confidential client holding a user's access
// token for its own API gets a token to call another API on that user's behalf, as far as an administrator's policy
// allows. The new token names the client in `act` (delegation) unless the policies allow impersonation and the request
// names no actor; it joins the subject token's grant, so it ends when that grant does, and never outlives the subject.
// Per RFC 8693 §2.2.2 a subject or actor token that is invalid or unacceptable by policy is invalid_request.
import type { FastifyInstance } from 'fastify'
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT, type AccessTokenClaims } from '@keyhold/contracts'
import { definesScope } from '../../apis/api.js'
import type { Client } from '../../clients/client.js'
import { InvalidRequest, InvalidScope, InvalidTarget } from '../../errors.js'
import { findActiveAccessTokenRecord, issueAccessToken, namesAudience } from '../access-tokens.js'
import { mayActFor } from '../exchange/acting-client.js'
import { actorChain, namesActor } from '../exchange/actor.js'
import { subjectGrant } from '../exchange/subject-grant.js'
import { targetApi } from '../exchange/target.js'
import type { ExchangePolicy } from '../../storage/types.js'
import { parseScope } from '../scope.js'
import type { Grant } from './grant.js'

const unacceptableSubject = () => new InvalidRequest('the subject token is not active, or no policy lets this client exchange it')

function checkTokenTypes ({ subject_token_type: subject, requested_token_type: requested }: { subject_token_type?: string, requested_token_type?: string }): void {
  if (subject !== ACCESS_TOKEN_TYPE) throw new InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`)
  if (requested !== undefined && requested !== ACCESS_TOKEN_TYPE) throw new InvalidRequest(`requested_token_type may only be ${ACCESS_TOKEN_TYPE}`)
}

/** Of the client's policies, those the subject token meets: for their source API, with their source scope, for a client that may act for that API. */
async function covering (app: FastifyInstance, client: Client, policies: ExchangePolicy[], claims: AccessTokenClaims): Promise<ExchangePolicy[]> {
  const held = claims.scope.split(' ')
  const met = []
  for (const policy of policies) {
    if (namesAudience(claims.aud, policy.sourceApi) && held.includes(policy.sourceScope) && await mayActFor(app, client, policy.sourceApi)) met.push(policy)
  }
  return met
}

export const tokenExchange: Grant = {
  type: TOKEN_EXCHANGE_GRANT,
  allowsPublicClients: false,
  async handle (app, request, client) {
    const { body } = request
    if (body.subject_token === undefined) throw new InvalidRequest("missing parameter 'subject_token'")
    checkTokenTypes(body)
    const target = targetApi(body)
    const targetRecord = await app.apis.find(target)
    if (!targetRecord) throw new InvalidTarget('the API the token is asked for is not registered')
    const policies = await app.stores.exchangePolicies.forTarget(client.id, target)
    if (policies.length === 0) throw new InvalidTarget('the client may not obtain tokens for that API by exchange')
    const withActor = await namesActor(app, client, body)

    const subject = await findActiveAccessTokenRecord(app, body.subject_token)
    if (!subject) throw unacceptableSubject()
    const { claims } = subject
    const applicable = await covering(app, client, policies, claims)
    if (applicable.length === 0) throw unacceptableSubject()

    const allowed = [...new Set(applicable.flatMap((policy) => policy.targetScopes))]
    const requested = parseScope(body.scope)
    if (requested !== undefined && requested.some((scope) => !allowed.includes(scope))) {
      throw new InvalidScope('the requested scope exceeds what the exchange policies allow')
    }
    // A scope the target API no longer defines is not granted, whatever an older policy says.
    const scopes = (requested ?? allowed).filter((scope) => definesScope(targetRecord, scope))
    if (scopes.length === 0) throw new InvalidScope('the target API defines none of the scopes the exchange policies allow')
    const impersonate = !withActor && applicable.every((policy) => policy.impersonation)
    const act = impersonate ? claims.act : actorChain(client, claims.act)
    const remaining = claims.exp - Math.floor(Date.now() / 1000)
    if (remaining < 1) throw unacceptableSubject()

    const issued = await issueAccessToken(app, {
      subject: claims.sub,
      clientId: client.id,
      scopes,
      audience: target,
      lifetime: Math.min(remaining, targetRecord.accessTokenTtl),
      grantId: await subjectGrant(app, subject),
      ...(claims.username !== undefined && { username: claims.username }),
      ...(act !== undefined && { act })
    })
    return {
      access_token: issued.token,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: issued.expiresIn,
      scope: scopes.join(' ')
    }
  }
}
