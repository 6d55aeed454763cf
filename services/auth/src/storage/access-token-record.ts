// How an access token's record is kept as text, in Redis and in memory alike.
import type { AccessTokenClaims } from '@keyhold/contracts'
import type { AccessTokenRecord } from './types.js'

export const serializeAccessToken = ({ claims, grantId }: AccessTokenRecord): string =>
  JSON.stringify({ claims, ...(grantId !== undefined && { grant: grantId }) })

/** Records saved before tokens noted their grant hold the claims alone. */
export function parseAccessToken (stored: string): AccessTokenRecord {
  const parsed = JSON.parse(stored) as { claims?: AccessTokenClaims, grant?: string } & AccessTokenClaims
  if (parsed.claims === undefined) return { claims: parsed }
  return { claims: parsed.claims, ...(parsed.grant !== undefined && { grantId: parsed.grant }) }
}
