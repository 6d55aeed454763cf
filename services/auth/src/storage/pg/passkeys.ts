// Users' passkeys in Postgres; a credential id belongs to one account only, and each use moves its counter once.
import { sql, type Kysely } from 'kysely'
import type { Passkey, PasskeyStore } from '../types.js'
import type { Database, PasskeyRow } from './database.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UNIQUE_VIOLATION = '23505'

function toPasskey (row: PasskeyRow): Passkey {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(row.public_key),
    counter: Number(row.counter),
    transports: row.transports,
    name: row.name,
    backupEligible: row.backup_eligible,
    backedUp: row.backed_up,
    createdAt: row.created_at,
    ...(row.last_used_at !== null && { lastUsedAt: row.last_used_at })
  }
}

export function pgPasskeyStore (db: Kysely<Database>): PasskeyStore {
  return {
    async add (passkey, max) {
      try {
        return await db.transaction().execute(async (trx) => {
          // The account's row, locked: two passkeys added at once are counted one after the other.
          const user = await trx.selectFrom('users').select('id').where('id', '=', passkey.userId).forUpdate().executeTakeFirst()
          if (!user) throw new Error('no such user')
          const { count } = await trx.selectFrom('passkeys').select((eb) => eb.fn.countAll<string>().as('count'))
            .where('user_id', '=', passkey.userId).executeTakeFirstOrThrow()
          if (Number(count) >= max) return 'too_many' as const
          const row = await trx.insertInto('passkeys').values({
            user_id: passkey.userId,
            credential_id: passkey.credentialId,
            public_key: passkey.publicKey,
            counter: passkey.counter,
            transports: passkey.transports,
            name: passkey.name,
            backup_eligible: passkey.backupEligible,
            backed_up: passkey.backedUp
          }).returningAll().executeTakeFirstOrThrow()
          return toPasskey(row)
        })
      } catch (error) {
        if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return 'taken'
        throw error
      }
    },

    async list (userId) {
      if (!UUID.test(userId)) return []
      const rows = await db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute()
      return rows.map(toPasskey)
    },

    async findByCredentialId (credentialId) {
      const row = await db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst()
      return row && toPasskey(row)
    },

    async rename (userId, id, name) {
      if (!UUID.test(userId) || !UUID.test(id)) return undefined
      const row = await db.updateTable('passkeys').set({ name }).where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst()
      return row && toPasskey(row)
    },

    async remove (userId, id) {
      if (!UUID.test(userId) || !UUID.test(id)) return undefined
      const row = await db.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst()
      return row && toPasskey(row)
    },

    async recordUse (id, counter, backedUp) {
      if (!UUID.test(id)) return false
      // Compared and moved in one statement: of two assertions with the same counter, only one gets past it.
      const result = await db.updateTable('passkeys')
        .set({ counter, backed_up: backedUp, last_used_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where(counter === 0 ? sql<boolean>`counter = 0` : sql<boolean>`counter < ${counter}`)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    }
  }
}
