// The ship catalogue in Postgres; rows become API objects here and nowhere else.
import { sql, type Kysely } from 'kysely'
import type { Ship, ShipInput, ShipListQuery } from '@keyhold/contracts'
import { collapsedReads } from '../storage/collapsed-reads.js'
import { prepared } from '../storage/prepared.js'
import type { Database, ShipRow } from '../storage/database.js'

// What a ship is made of; the timestamps stay in the database (reading them costs a date parse per row).
const COLUMNS = ['id', 'name', 'registry', 'class', 'affiliation', 'category', 'crew'] as const
type ShipColumns = Pick<ShipRow, typeof COLUMNS[number]>

const toShip = ({ registry, ...rest }: ShipColumns): Ship => registry === null ? rest : { ...rest, registry }

const toRow = (input: ShipInput) => ({
  name: input.name,
  registry: input.registry ?? null,
  class: input.class,
  affiliation: input.affiliation,
  category: input.category,
  crew: input.crew
})

export interface ShipPage {
  ships: readonly Ship[]
  next?: string
}

export function shipStore (db: Kysely<Database>) {
  const collapse = collapsedReads()

  async function page ({ limit, cursor, affiliation, category }: ShipListQuery): Promise<ShipPage> {
    let query = db.selectFrom('ships').select(COLUMNS).orderBy('id').limit(limit + 1)
    if (cursor !== undefined) query = query.where('id', '>', cursor)
    if (affiliation !== undefined) query = query.where('affiliation', '=', affiliation)
    if (category !== undefined) query = query.where('category', '=', category)
    const { rows } = await db.executeQuery(prepared(query.compile()))
    const ships = Object.freeze(rows.slice(0, limit).map((row) => Object.freeze(toShip(row))))
    return Object.freeze(rows.length > limit ? { ships, next: ships.at(-1)!.id } : { ships })
  }

  return {
    /** One page in id order, and the cursor of the next page when there is one. Shared by concurrent identical reads: read-only. */
    list (query: ShipListQuery): Promise<ShipPage> {
      const { limit, cursor, affiliation, category } = query
      return collapse(JSON.stringify(['list', limit, cursor, affiliation, category]), () => page(query))
    },

    /** Shared by concurrent reads of the same ship: read-only. */
    find (id: string): Promise<Ship | undefined> {
      return collapse(JSON.stringify(['find', id]), async () => {
        const [row] = (await db.executeQuery(prepared(db.selectFrom('ships').select(COLUMNS).where('id', '=', id).compile()))).rows
        return row && Object.freeze(toShip(row))
      })
    },

    async create (input: ShipInput): Promise<Ship> {
      return toShip(await db.insertInto('ships').values(toRow(input)).returning(COLUMNS).executeTakeFirstOrThrow())
    },

    async replace (id: string, input: ShipInput): Promise<Ship | undefined> {
      const row = await db.updateTable('ships').set({ ...toRow(input), updated_at: sql`now()` })
        .where('id', '=', id).returning(COLUMNS).executeTakeFirst()
      return row && toShip(row)
    },

    async delete (id: string): Promise<boolean> {
      const { numDeletedRows } = await db.deleteFrom('ships').where('id', '=', id).executeTakeFirst()
      return numDeletedRows > 0n
    }
  }
}
