// A user's phone calls in the resource service: /api/calls and /api/calls/:id.
import Type, { type Static } from 'typebox'

export const CallStatus = Type.Union([Type.Literal('ongoing'), Type.Literal('ended')])
export type CallStatus = Static<typeof CallStatus>

export const NewCall = Type.Object({
  number: Type.String({ pattern: '^\\+[1-9][0-9]{1,14}$', description: 'E.164 number, e.g. +14155550100' })
})
export type NewCall = Static<typeof NewCall>

export const CallUpdate = Type.Object({ status: Type.Literal('ended') })
export type CallUpdate = Static<typeof CallUpdate>

export const Call = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  status: CallStatus,
  started_at: Type.String({ format: 'date-time' }),
  ended_at: Type.Optional(Type.String({ format: 'date-time' }))
})
export type Call = Static<typeof Call>

/** The same call as an XML document (`<call>` with one element per field), for `Accept: application/xml`. */
export const CallXml = Type.String({ description: '<call><id/><number/><status/><started_at/><ended_at/></call>' })

export const CallIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export type CallIdParams = Static<typeof CallIdParams>

export const CallListQuery = Type.Object({
  status: Type.Optional(CallStatus),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 })
})
export type CallListQuery = Static<typeof CallListQuery>

export const CallList = Type.Object({ calls: Type.Array(Call) })
export type CallList = Static<typeof CallList>
