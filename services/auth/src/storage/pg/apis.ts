// The API registry in Postgres: an API, its scopes (each name unique across every API) and its introspectors.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { ApiFields } from '../../apis/api.js'
import type { ApiConflict, ApiStore, StoredApi } from '../types.js'
import type { Database } from './database.js'

const UNIQUE_VIOLATION = '23505'
const FOREIGN_KEY_VIOLATION = '23503'

function conflictOf (error: unknown): ApiConflict | undefined {
  const { code, constraint } = error as { code?: unknown, constraint?: unknown }
  if (code === FOREIGN_KEY_VIOLATION) return 'unknown_client'
  if (code !== UNIQUE_VIOLATION) return undefined
  return constraint === 'api_scopes_pkey' ? 'scope_taken' : 'identifier_taken'
}

async function writeIntrospectors (tx: Transaction<Database>, id: string, clientIds: readonly string[]): Promise<void> {
  await tx.deleteFrom('api_introspectors').where('api_id', '=', id).execute()
  if (clientIds.length > 0) await tx.insertInto('api_introspectors').values(clientIds.map((clientId) => ({ api_id: id, client_id: clientId }))).execute()
}

async function writeDetails (tx: Transaction<Database>, id: string, fields: Pick<ApiFields, 'scopes' | 'introspectors'>): Promise<void> {
  await tx.deleteFrom('api_scopes').where('api_id', '=', id).execute()
  if (fields.scopes.length > 0) {
    await tx.insertInto('api_scopes')
      .values(fields.scopes.map(({ name, description }, position) => ({ name, description, position, api_id: id })))
      .execute()
  }
  await writeIntrospectors(tx, id, fields.introspectors)
}

/** Whether a client is allowed one of `scopes` (clients keep their scopes as one space-separated string). */
async function clientHoldsOneOf (tx: Transaction<Database>, scopes: string[]): Promise<boolean> {
  if (scopes.length === 0) return false
  const row = await tx.selectFrom('clients').select('id')
    .where(sql<boolean>`string_to_array(scope, ' ') && ${sql.val(scopes)}::text[]`)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Runs `write`, answering a clash with another API or an unknown client by its name rather than an error. */
async function guarded<T> (write: () => Promise<T>): Promise<T | ApiConflict> {
  try {
    return await write()
  } catch (error) {
    const conflict = conflictOf(error)
    if (conflict) return conflict
    throw error
  }
}

export function pgApiStore (db: Kysely<Database>): ApiStore {
  const find = async (id: string): Promise<StoredApi | undefined> => (await all(id))[0]

  async function all (onlyId?: string): Promise<StoredApi[]> {
    let apis = db.selectFrom('apis').selectAll().orderBy('id')
    let scopes = db.selectFrom('api_scopes').selectAll().orderBy('position')
    let introspectors = db.selectFrom('api_introspectors').selectAll().orderBy('client_id')
    if (onlyId !== undefined) {
      apis = apis.where('id', '=', onlyId)
      scopes = scopes.where('api_id', '=', onlyId)
      introspectors = introspectors.where('api_id', '=', onlyId)
    }
    const [apiRows, scopeRows, introspectorRows] = await Promise.all([apis.execute(), scopes.execute(), introspectors.execute()])
    return apiRows.map((row) => ({
      id: row.id,
      identifier: row.identifier,
      name: row.name,
      ...(row.access_token_ttl !== null && { accessTokenTtl: row.access_token_ttl }),
      scopes: scopeRows.filter((scope) => scope.api_id === row.id).map(({ name, description }) => ({ name, description })),
      introspectors: introspectorRows.filter((introspector) => introspector.api_id === row.id).map(({ client_id: clientId }) => clientId)
    }))
  }

  const columns = (fields: ApiFields) => ({ identifier: fields.identifier, name: fields.name, access_token_ttl: fields.accessTokenTtl ?? null })

  return {
    all: () => all(),

    async create (id, fields) {
      const created = await guarded(() => db.transaction().execute(async (tx) => {
        await tx.insertInto('apis').values({ id, ...columns(fields) }).execute()
        await writeDetails(tx, id, fields)
      }))
      return created ?? (await find(id))!
    },

    async replace (id, fields) {
      const outcome = await guarded(() => db.transaction().execute(async (tx) => {
        const updated = await tx.updateTable('apis').set({ ...columns(fields), updated_at: new Date() })
          .where('id', '=', id).where('identifier', 'is not', null).executeTakeFirst()
        if (updated.numUpdatedRows === 0n) return 'unknown' as const
        const kept = new Set(fields.scopes.map(({ name }) => name))
        const dropped = (await tx.selectFrom('api_scopes').select('name').where('api_id', '=', id).forUpdate().execute())
          .map(({ name }) => name).filter((name) => !kept.has(name))
        if (await clientHoldsOneOf(tx, dropped)) return 'scope_in_use' as const
        await writeDetails(tx, id, fields)
        return 'replaced' as const
      }))
      if (outcome === 'unknown') return undefined
      return outcome === 'replaced' ? (await find(id))! : outcome
    },

    async setIntrospectors (id, clientIds) {
      const outcome = await guarded(() => db.transaction().execute(async (tx) => {
        const api = await tx.selectFrom('apis').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
        if (!api) return false
        await writeIntrospectors(tx, id, clientIds)
        return true
      }))
      // Only a client it names can clash here: there is no identifier or scope to write.
      return typeof outcome === 'boolean' ? outcome : 'unknown_client'
    },

    delete: (id) => db.transaction().execute(async (tx) => {
      const api = await tx.selectFrom('apis').select('id').where('id', '=', id).where('identifier', 'is not', null).forUpdate().executeTakeFirst()
      if (!api) return 'unknown'
      const scopes = (await tx.selectFrom('api_scopes').select('name').where('api_id', '=', id).execute()).map(({ name }) => name)
      if (await clientHoldsOneOf(tx, scopes)) return 'in_use'
      await tx.deleteFrom('apis').where('id', '=', id).execute()
      return 'deleted'
    })
  }
}
