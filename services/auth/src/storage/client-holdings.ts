// How a client's holdings are written as set members, shared by the Redis and memory indexes.
import type { ClientHoldings } from './types.js'

const GRANT = 'grant:'
const ACCESS = 'at:'

export const grantMember = (grantId: string): string => GRANT + grantId
export const accessTokenMember = (tokenHash: string): string => ACCESS + tokenHash

export function toHoldings (members: Iterable<string>): ClientHoldings {
  const holdings: ClientHoldings = { grants: [], accessTokens: [] }
  for (const member of members) {
    if (member.startsWith(GRANT)) holdings.grants.push(member.slice(GRANT.length))
    else if (member.startsWith(ACCESS)) holdings.accessTokens.push(member.slice(ACCESS.length))
  }
  return holdings
}
