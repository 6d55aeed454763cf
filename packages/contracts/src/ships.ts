// The ship catalogue of the resource service: /api/ships and /api/ships/:id.
import Type, { type Static } from 'typebox'

const Label = Type.String({ minLength: 1, maxLength: 100 })

export const ShipInput = Type.Object({
  name: Label,
  registry: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'hull registry, e.g. NCC-1701-D' })),
  class: Label,
  affiliation: Label,
  category: Label,
  crew: Type.Integer({ minimum: 0, maximum: 1_000_000 })
})
export type ShipInput = Static<typeof ShipInput>

export const Ship = Type.Object({
  id: Type.String({ description: 'the ship id, a positive integer' }),
  ...ShipInput.properties
})
export type Ship = Static<typeof Ship>

export const ShipIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$' }) })
export type ShipIdParams = Static<typeof ShipIdParams>

export const ShipListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'next_cursor of the previous page' })),
  affiliation: Type.Optional(Label),
  category: Type.Optional(Label)
})
export type ShipListQuery = Static<typeof ShipListQuery>

export const ShipList = Type.Object({
  ships: Type.Array(Ship),
  next_cursor: Type.Optional(Type.String({ description: 'present when more ships follow' }))
})
export type ShipList = Static<typeof ShipList>
