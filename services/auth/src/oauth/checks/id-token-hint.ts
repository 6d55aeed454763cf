// id_token_hint (OpenID Connect Core §3.1.2.1, RP-Initiated Logout §2): an id_token this issuer signed, naming the user
// the client expects. Accepted after it expired: it is a hint, not a credential.
import type { FastifyInstance } from 'fastify'
import { JwtRejected, verifyJwt } from '@keyhold/service-kit/jose'
import { InvalidRequest } from '../../errors.js'
import { ID_TOKEN_ALGORITHMS, ID_TOKEN_TYPE } from '../id-tokens.js'

export interface IdTokenHint {
  sub: string
  aud: string[]
  sid?: string
}

/** The hint's subject, audience and session; `clientId`, when known, must be among its audience. */
export async function checkIdTokenHint (app: FastifyInstance, hint: string, clientId?: string): Promise<IdTokenHint> {
  let payload
  try {
    payload = await verifyJwt(hint, app.signing.ownKeys, {
      typ: ID_TOKEN_TYPE,
      algorithms: ID_TOKEN_ALGORITHMS,
      issuer: app.config.issuer,
      requiredClaims: ['sub', 'aud'],
      acceptExpired: true
    })
  } catch (error) {
    if (error instanceof JwtRejected) throw new InvalidRequest('id_token_hint is not an id_token this server issued')
    throw error
  }
  const aud = typeof payload.aud === 'string' ? [payload.aud] : payload.aud ?? []
  if (clientId !== undefined && !aud.includes(clientId)) throw new InvalidRequest('id_token_hint was issued to another client')
  return { sub: payload.sub!, aud, ...(typeof payload.sid === 'string' && { sid: payload.sid }) }
}
