// Signing keys in Postgres, private halves sealed with a key derived from the root secret.
import type { Kysely } from 'kysely'
import { open, seal } from '../../crypto/sealed-box.js'
import type { SigningKeyStore } from '../types.js'
import type { Database } from './database.js'

export function pgSigningKeyStore (db: Kysely<Database>, sealingKey: Buffer): SigningKeyStore {
  return {
    async published (rotatedSince) {
      const rows = await db.selectFrom('signing_keys').selectAll()
        .where((eb) => eb.or([eb('rotated_at', 'is', null), eb('rotated_at', '>', rotatedSince)]))
        .orderBy('created_at', 'desc')
        .execute()
      return rows.map((row) => ({
        kid: row.kid,
        alg: 'ES256' as const,
        privateKeyPem: open(sealingKey, row.sealed_private_key),
        publicJwk: row.public_jwk,
        createdAt: row.created_at,
        rotatedAt: row.rotated_at
      }))
    },

    async add (key) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('signing_keys').set({ rotated_at: new Date() }).where('rotated_at', 'is', null).execute()
        await trx.insertInto('signing_keys').values({
          kid: key.kid,
          alg: key.alg,
          sealed_private_key: seal(sealingKey, key.privateKeyPem),
          public_jwk: JSON.stringify(key.publicJwk)
        }).execute()
      })
    }
  }
}
