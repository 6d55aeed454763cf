// The Postgres tables as kysely sees them.
import type { ColumnType, Generated, Selectable } from 'kysely'

export interface ShipTable {
  // int8 arrives as a string; it leaves as one too.
  id: Generated<string>
  name: string
  registry: string | null
  class: string
  affiliation: string
  category: string
  crew: number
  created_at: Generated<Date>
  updated_at: ColumnType<Date, never, Date>
}
export type ShipRow = Selectable<ShipTable>

export interface CallTable {
  id: Generated<string>
  owner: string
  number: string
  status: ColumnType<'ongoing' | 'ended', never, 'ended'>
  started_at: Generated<Date>
  ended_at: ColumnType<Date | null, never, Date>
}
export type CallRow = Selectable<CallTable>

export interface Database {
  ships: ShipTable
  calls: CallTable
}
