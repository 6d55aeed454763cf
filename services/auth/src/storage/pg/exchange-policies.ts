// Token-exchange policies in Postgres; each goes with its client.
import type { Kysely } from 'kysely'
import type { ExchangePolicy, ExchangePolicyFields, ExchangePolicyStore } from '../types.js'
import type { Database, ExchangePolicyRow } from './database.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const FOREIGN_KEY_VIOLATION = '23503'

const isUnknownClient = (error: unknown): boolean => (error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION

function toPolicy (row: ExchangePolicyRow): ExchangePolicy {
  return {
    id: row.id,
    clientId: row.client_id,
    sourceApi: row.source_api,
    sourceScope: row.source_scope,
    targetApi: row.target_api,
    targetScopes: row.target_scopes,
    impersonation: row.impersonation,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

const toColumns = (fields: ExchangePolicyFields) => ({
  client_id: fields.clientId,
  source_api: fields.sourceApi,
  source_scope: fields.sourceScope,
  target_api: fields.targetApi,
  target_scopes: fields.targetScopes,
  impersonation: fields.impersonation
})

export function pgExchangePolicyStore (db: Kysely<Database>): ExchangePolicyStore {
  return {
    async create (fields) {
      try {
        return toPolicy(await db.insertInto('exchange_policies').values(toColumns(fields)).returningAll().executeTakeFirstOrThrow())
      } catch (error) {
        if (isUnknownClient(error)) return undefined
        throw error
      }
    },

    async find (id) {
      if (!UUID.test(id)) return undefined
      const row = await db.selectFrom('exchange_policies').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toPolicy(row)
    },

    async list (limit, after) {
      let query = db.selectFrom('exchange_policies').selectAll().orderBy('id').limit(limit)
      if (after !== undefined) {
        if (!UUID.test(after)) return []
        query = query.where('id', '>', after)
      }
      return (await query.execute()).map(toPolicy)
    },

    async replace (id, fields) {
      if (!UUID.test(id)) return undefined
      try {
        const row = await db.updateTable('exchange_policies').set({ ...toColumns(fields), updated_at: new Date() })
          .where('id', '=', id).returningAll().executeTakeFirst()
        return row && toPolicy(row)
      } catch (error) {
        if (isUnknownClient(error)) return 'unknown_client'
        throw error
      }
    },

    async delete (id) {
      if (!UUID.test(id)) return false
      const result = await db.deleteFrom('exchange_policies').where('id', '=', id).executeTakeFirst()
      return result.numDeletedRows > 0n
    },

    async forTarget (clientId, targetApi) {
      const rows = await db.selectFrom('exchange_policies').selectAll()
        .where('client_id', '=', clientId).where('target_api', '=', targetApi).execute()
      return rows.map(toPolicy)
    }
  }
}
