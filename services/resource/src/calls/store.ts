// A user's calls in Postgres. Every query names the owner, so no one reaches another's calls.
import type { Kysely } from 'kysely'
import type { Call, CallListQuery } from '@keyhold/contracts'
import type { CallRow, Database } from '../storage/database.js'

const toCall = (row: CallRow): Call => ({
  id: row.id,
  number: row.number,
  status: row.status,
  started_at: row.started_at.toISOString(),
  ...(row.ended_at && { ended_at: row.ended_at.toISOString() })
})

export type EndResult = { call: Call } | { conflict: Call } | undefined

export function callStore (db: Kysely<Database>) {
  const owned = (owner: string, id: string) =>
    db.selectFrom('calls').selectAll().where('owner', '=', owner).where('id', '=', id)

  return {
    async place (owner: string, number: string): Promise<Call> {
      return toCall(await db.insertInto('calls').values({ owner, number }).returningAll().executeTakeFirstOrThrow())
    },

    async find (owner: string, id: string): Promise<Call | undefined> {
      const row = await owned(owner, id).executeTakeFirst()
      return row && toCall(row)
    },

    async list (owner: string, { status, limit }: CallListQuery): Promise<Call[]> {
      let query = db.selectFrom('calls').selectAll().where('owner', '=', owner)
      if (status !== undefined) query = query.where('status', '=', status)
      const rows = await query.orderBy('started_at', 'desc').orderBy('id').limit(limit).execute()
      return rows.map(toCall)
    },

    /** Ends an ongoing call in one statement, so two simultaneous requests cannot both end it. */
    async end (owner: string, id: string): Promise<EndResult> {
      const ended = await db.updateTable('calls').set({ status: 'ended', ended_at: new Date() })
        .where('owner', '=', owner).where('id', '=', id).where('status', '=', 'ongoing')
        .returningAll().executeTakeFirst()
      if (ended) return { call: toCall(ended) }
      const existing = await owned(owner, id).executeTakeFirst()
      return existing && { conflict: toCall(existing) }
    }
  }
}
