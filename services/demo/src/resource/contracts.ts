// The parts of the resource service's /api/me and /api/calls answers the demo reads. Kept loose (extra
// fields allowed) and local until the resource service's contracts are published in @keyhold/contracts.
import Type, { type Static } from 'typebox'

export const Me = Type.Object({
  sub: Type.String(),
  name: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  email: Type.Optional(Type.String())
})
export type Me = Static<typeof Me>

export const Call = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: Type.String(),
  started_at: Type.Optional(Type.String())
})
export type Call = Static<typeof Call>

export const CallList = Type.Object({ calls: Type.Array(Call) })
export type CallList = Static<typeof CallList>
