// The scopes each user has granted each client, in Postgres.
import { sql, type Kysely } from 'kysely'
import type { ConsentStore } from '../types.js'
import type { Database } from './database.js'

export function pgConsentStore (db: Kysely<Database>): ConsentStore {
  return {
    async granted (userId, clientId) {
      const row = await db.selectFrom('consents').select('scopes')
        .where('user_id', '=', userId).where('client_id', '=', clientId)
        .executeTakeFirst()
      return row?.scopes
    },

    async grant (userId, clientId, scopes) {
      const given = [...scopes]
      // The union is taken in SQL so that two consents given at once both count.
      await db.insertInto('consents')
        .values({ user_id: userId, client_id: clientId, scopes: given })
        .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet({
          scopes: sql<string[]>`array(select distinct s from unnest(consents.scopes || excluded.scopes) as s order by 1)`,
          updated_at: new Date()
        }))
        .execute()
    },

    async list (userId) {
      const rows = await db.selectFrom('consents').select(['client_id', 'scopes', 'created_at'])
        .where('user_id', '=', userId).orderBy('created_at').orderBy('client_id')
        .execute()
      return rows.map((row) => ({ clientId: row.client_id, scopes: row.scopes, createdAt: row.created_at }))
    },

    async withdraw (userId, clientId) {
      const result = await db.deleteFrom('consents').where('user_id', '=', userId).where('client_id', '=', clientId).executeTakeFirst()
      return result.numDeletedRows > 0n
    }
  }
}
