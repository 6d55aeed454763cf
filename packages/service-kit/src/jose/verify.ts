// Verifies a JWT: the one place either service checks a JWS. What each caller expects (its typ, algorithms, issuer,
// audience) is checked by jose; a refusal comes back as JwtRejected naming what was wrong.
import { errors, jwtVerify, type CryptoKey, type JWTPayload } from 'jose'
import { UnknownSigningKey, type KeyResolver } from './key-set.js'

export type JwtProblem = 'expired' | 'audience' | 'issuer' | 'invalid'

export class JwtRejected extends Error {
  override name = 'JwtRejected'
  constructor (readonly problem: JwtProblem) {
    super(`the JWT was refused: ${problem}`)
  }
}

export interface JwtExpectations {
  /** The `typ` header, as RFC 8725 §3.11 asks each kind of JWT to carry (`at+jwt` for access tokens); unchecked when absent. */
  typ?: string
  algorithms: string[]
  issuer: string
  audience?: string
  requiredClaims?: string[]
  clockToleranceSeconds?: number
  /** Accept a token past its `exp` once everything else holds, as an id_token_hint is (OpenID Connect Core §3.1.2.1). */
  acceptExpired?: boolean
}

/** The payload of `token`, signed by a key `keys` resolves and meeting `expected`; throws JwtRejected otherwise. */
export async function verifyJwt (token: string, keys: KeyResolver, expected: JwtExpectations): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      ...(expected.typ !== undefined && { typ: expected.typ }),
      algorithms: expected.algorithms,
      issuer: expected.issuer,
      ...(expected.audience !== undefined && { audience: expected.audience }),
      ...(expected.requiredClaims !== undefined && { requiredClaims: expected.requiredClaims }),
      ...(expected.clockToleranceSeconds !== undefined && { clockTolerance: expected.clockToleranceSeconds })
    })
    return payload
  } catch (error) {
    // jose checks expiry last, after the signature and every other claim, so the payload it carries is otherwise sound.
    if (error instanceof errors.JWTExpired && expected.acceptExpired === true) return error.payload
    if (error instanceof errors.JWTExpired) throw new JwtRejected('expired')
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') throw new JwtRejected('audience')
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') throw new JwtRejected('issuer')
    if (error instanceof errors.JOSEError || error instanceof UnknownSigningKey) throw new JwtRejected('invalid')
    // The keys could not be fetched: not the token's fault, and not to be answered as if it were.
    throw error
  }
}

/** verifyJwt with each of `keys` in turn (a header without a kid may fit several): the payload of the first that verifies. */
export async function verifyJwtWithAnyKey (token: string, keys: CryptoKey[], expected: JwtExpectations): Promise<JWTPayload> {
  let refusal = new JwtRejected('invalid')
  for (const key of keys) {
    try {
      return await verifyJwt(token, async () => key, expected)
    } catch (error) {
      if (!(error instanceof JwtRejected)) throw error
      refusal = error
    }
  }
  throw refusal
}
