// Users' second factors in Postgres: the TOTP secret (sealed by the caller) and the keyed hashes of recovery codes.
// Accepting a step and using a code are single conditional UPDATEs, so concurrent submissions cannot both pass.
import { sql, type Kysely } from 'kysely'
import type { SecondFactorStore } from '../types.js'
import type { Database } from './database.js'

export function pgSecondFactorStore (db: Kysely<Database>): SecondFactorStore {
  return {
    async totp (userId) {
      const row = await db.selectFrom('totp_factors').select(['sealed_secret', 'confirmed_at', 'last_step'])
        .where('user_id', '=', userId).executeTakeFirst()
      return row && { sealedSecret: row.sealed_secret, confirmed: row.confirmed_at !== null, lastStep: Number(row.last_step) }
    },

    async startTotp (userId, sealedSecret) {
      const result = await db.insertInto('totp_factors')
        .values({ user_id: userId, sealed_secret: sealedSecret })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ sealed_secret: sealedSecret, last_step: 0, created_at: new Date() })
          .where('totp_factors.confirmed_at', 'is', null))
        .executeTakeFirst()
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n
    },

    async acceptTotpStep (userId, step, { confirming = false } = {}) {
      const result = await db.updateTable('totp_factors')
        .set({ last_step: step, ...(confirming && { confirmed_at: new Date() }) })
        .where('user_id', '=', userId)
        .where('last_step', '<', sql<string>`${step}::bigint`)
        .where('confirmed_at', confirming ? 'is' : 'is not', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async removeTotp (userId) {
      const result = await db.deleteFrom('totp_factors').where('user_id', '=', userId).executeTakeFirst()
      return result.numDeletedRows > 0n
    },

    async replaceRecoveryCodes (userId, codeHashes) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
        if (codeHashes.length > 0) {
          await trx.insertInto('recovery_codes').values(codeHashes.map((hash) => ({ user_id: userId, code_hash: hash }))).execute()
        }
      })
    },

    async useRecoveryCode (userId, codeHash) {
      const result = await db.updateTable('recovery_codes').set({ used_at: new Date() })
        .where('user_id', '=', userId).where('code_hash', '=', codeHash).where('used_at', 'is', null)
        .executeTakeFirst()
      return result.numUpdatedRows > 0n
    },

    async recoveryCodesLeft (userId) {
      const row = await db.selectFrom('recovery_codes').select((eb) => eb.fn.countAll<string>().as('left'))
        .where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow()
      return Number(row.left)
    },

    async removeRecoveryCodes (userId) {
      await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
    }
  }
}
