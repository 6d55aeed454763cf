// The ship catalogue in Postgres; rows become API objects here and nowhere else.
import { sql, type Kysely } from 'kysely'
import type { Ship, ShipInput, ShipListQuery } from '@keyhold/contracts'
import type { Database, ShipRow } from '../storage/database.js'

const toShip = (row: ShipRow): Ship => ({
  id: row.id,
  name: row.name,
  ...(row.registry !== null && { registry: row.registry }),
  class: row.class,
  affiliation: row.affiliation,
  category: row.category,
  crew: row.crew
})

const toRow = (input: ShipInput) => ({
  name: input.name,
  registry: input.registry ?? null,
  class: input.class,
  affiliation: input.affiliation,
  category: input.category,
  crew: input.crew
})

export function shipStore (db: Kysely<Database>) {
  return {
    /** One page in id order, and the cursor of the next page when there is one. */
    async list ({ limit, cursor, affiliation, category }: ShipListQuery): Promise<{ ships: Ship[], next?: string }> {
      let query = db.selectFrom('ships').selectAll().orderBy('id').limit(limit + 1)
      if (cursor !== undefined) query = query.where('id', '>', cursor)
      if (affiliation !== undefined) query = query.where('affiliation', '=', affiliation)
      if (category !== undefined) query = query.where('category', '=', category)
      const rows = await query.execute()
      const ships = rows.slice(0, limit).map(toShip)
      return rows.length > limit ? { ships, next: ships.at(-1)!.id } : { ships }
    },

    async find (id: string): Promise<Ship | undefined> {
      const row = await db.selectFrom('ships').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toShip(row)
    },

    async create (input: ShipInput): Promise<Ship> {
      return toShip(await db.insertInto('ships').values(toRow(input)).returningAll().executeTakeFirstOrThrow())
    },

    async replace (id: string, input: ShipInput): Promise<Ship | undefined> {
      const row = await db.updateTable('ships').set({ ...toRow(input), updated_at: sql`now()` })
        .where('id', '=', id).returningAll().executeTakeFirst()
      return row && toShip(row)
    },

    async delete (id: string): Promise<boolean> {
      const { numDeletedRows } = await db.deleteFrom('ships').where('id', '=', id).executeTakeFirst()
      return numDeletedRows > 0n
    }
  }
}
