// How both session stores write who took part in a session as fields and read them back: `c:<clientId>` for a client
// answered in it, `g:<grantId>` for a grant started from it (its client, and whether it outlives the session).
import type { EndedSession, SessionParticipant } from './types.js'

export function participantFields ({ clientId, grantId, offline }: SessionParticipant): Record<string, string> {
  return {
    [`c:${clientId}`]: '1',
    ...(grantId !== undefined && { [`g:${grantId}`]: JSON.stringify({ clientId, offline: offline === true }) })
  }
}

export const clientsOf = (fields: Record<string, string>): string[] =>
  Object.keys(fields).filter((field) => field.startsWith('c:')).map((field) => field.slice(2))

export const grantsOf = (fields: Record<string, string>): EndedSession['grants'] =>
  Object.entries(fields).filter(([field]) => field.startsWith('g:')).map(([field, value]) => {
    const { clientId, offline } = JSON.parse(value) as { clientId: string, offline: boolean }
    return { grantId: field.slice(2), clientId, offline }
  })
