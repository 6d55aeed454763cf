// How both user grant indexes write a grant as a set member and read it back: `<grantId> <clientId> <startedAt>`. A
// member holding only a grant id was written before clients were noted; grant and client ids hold no space.
import type { IndexedGrant } from './types.js'

export const grantMember = ({ grantId, clientId, startedAt }: Required<IndexedGrant>): string => `${grantId} ${clientId} ${startedAt}`

export function indexedGrant (member: string): IndexedGrant {
  const [grantId, clientId, startedAt] = member.split(' ')
  return {
    grantId: grantId!,
    ...(clientId !== undefined && { clientId }),
    ...(startedAt !== undefined && { startedAt: Number(startedAt) })
  }
}

export const grantIdOf = (member: string): string => indexedGrant(member).grantId

export const ofClient = (clientId: string) => (member: string): boolean => indexedGrant(member).clientId === clientId
