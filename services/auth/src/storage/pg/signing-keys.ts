// Signing keys in Postgres, private halves sealed with a key derived from the root secret.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { SigningAlgorithm } from '@keyhold/service-kit/jose'
import { open, seal } from '../../crypto/sealed-box.js'
import type { SigningKeyRecord, SigningKeyStore } from '../types.js'
import type { Database, SigningKeyRow } from './database.js'

type NewKey = Omit<SigningKeyRecord, 'createdAt' | 'rotatedAt'>

export function pgSigningKeyStore (db: Kysely<Database>, sealingKey: Buffer): SigningKeyStore {
  const record = (row: SigningKeyRow): SigningKeyRecord => ({
    kid: row.kid,
    alg: row.alg as SigningAlgorithm,
    privateKeyPem: open(sealingKey, row.sealed_private_key),
    publicJwk: row.public_jwk,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at
  })
  const insert = (trx: Transaction<Database>, key: NewKey) => trx.insertInto('signing_keys').values({
    kid: key.kid,
    alg: key.alg,
    sealed_private_key: seal(sealingKey, key.privateKeyPem),
    public_jwk: JSON.stringify(key.publicJwk)
  }).returningAll().executeTakeFirstOrThrow()

  const supersede = async (trx: Transaction<Database>, key: NewKey) => {
    await trx.updateTable('signing_keys').set({ rotated_at: new Date() })
      .where('rotated_at', 'is', null).where('alg', '=', key.alg).execute()
    await insert(trx, key)
  }

  return {
    async published (rotatedSince) {
      const rows = await db.selectFrom('signing_keys').selectAll()
        .where((eb) => eb.or([eb('rotated_at', 'is', null), eb('rotated_at', '>', rotatedSince)]))
        .orderBy('created_at', 'desc')
        .execute()
      return rows.map(record)
    },

    async add (key) {
      await db.transaction().execute((trx) => supersede(trx, key))
    },

    async addIfOlder (key, olderThan) {
      return await db.transaction().execute(async (trx) => {
        // Instances whose schedules fire together: the first adds the key, the others then find it new enough.
        await sql`lock table signing_keys in share row exclusive mode`.execute(trx)
        const newest = await trx.selectFrom('signing_keys').select('created_at')
          .where('alg', '=', key.alg).orderBy('created_at', 'desc').executeTakeFirst()
        if (newest !== undefined && newest.created_at >= olderThan) return false
        await supersede(trx, key)
        return true
      })
    },

    async addFirst (key) {
      return record(await db.transaction().execute(async (trx) => {
        // Instances starting together each generate a key; the lock lets exactly one of them add it.
        await sql`lock table signing_keys in share row exclusive mode`.execute(trx)
        const current = await trx.selectFrom('signing_keys').selectAll()
          .where('rotated_at', 'is', null).where('alg', '=', key.alg)
          .orderBy('created_at', 'desc').executeTakeFirst()
        return current ?? await insert(trx, key)
      }))
    }
  }
}
