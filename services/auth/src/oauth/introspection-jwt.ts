// JWT answers from the introspection endpoint (RFC 9701): a caller whose Accept header prefers
// application/token-introspection+jwt gets the very JSON answer any caller gets, inactive ones included, as the
// `token_introspection` claim of a JWT signed for it. Errors stay JSON (§4), and so does every other Accept value.
import accepts from '@fastify/accepts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { signJwt, type SigningAlgorithm } from '@keyhold/service-kit/jose'
import { callerOf } from './caller.js'

export const INTROSPECTION_JWT_TYPE = 'token-introspection+jwt'
export const INTROSPECTION_JWT_MEDIA_TYPE = `application/${INTROSPECTION_JWT_TYPE}`
export const INTROSPECTION_ALGORITHMS: SigningAlgorithm[] = ['RS256', 'ES256']

/** Listed first, JSON is what no Accept header, `*` wildcards and a tie it is named first in all get. */
const prefersJwt = (request: FastifyRequest): boolean =>
  request.accepts().type(['application/json', INTROSPECTION_JWT_MEDIA_TYPE]) === INTROSPECTION_JWT_MEDIA_TYPE

/** Adds the JWT form to the endpoint registered in `app`, leaving its answers themselves to it. */
export async function signIntrospectionWhenAsked (app: FastifyInstance): Promise<void> {
  await app.register(accepts)
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('vary', 'accept')
    // The caller is known only once it authenticated: every answer before that is an error, and stays JSON.
    const caller = callerOf(request)
    if (reply.statusCode !== 200 || caller === undefined || typeof payload !== 'string' || !prefersJwt(request)) return payload
    const jwt = await signJwt({
      iss: app.config.issuer,
      aud: caller.id,
      iat: Math.floor(Date.now() / 1000),
      // Parsed from what was serialized, so that it holds exactly what a JSON answer would have.
      token_introspection: JSON.parse(payload)
    }, await app.signing.signer(caller.introspectionSigningAlg), INTROSPECTION_JWT_TYPE)
    reply.type(INTROSPECTION_JWT_MEDIA_TYPE)
    return jwt
  })
}
