// GET /health (liveness) and GET /ready (dependencies reachable), shared by both services.
import Type, { type Static } from 'typebox'

export const HealthResponse = Type.Object({ status: Type.Literal('ok') })
export type HealthResponse = Static<typeof HealthResponse>

export const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')]))
})
export type ReadyResponse = Static<typeof ReadyResponse>
