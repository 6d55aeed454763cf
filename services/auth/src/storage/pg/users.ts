// User accounts in Postgres; usernames are unique by their enforced form (RFC 8265) in username_key, email addresses
// by their lower-cased form in email_key.
import { sql, type Kysely } from 'kysely'
import type { AccountClash, User, UserClaimChanges, UserStore } from '../types.js'
import type { Database, UserRow } from './database.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UNIQUE_VIOLATION = '23505'
const EMAIL_KEY_INDEX = 'users_email_key_unique'
const columns = ['id', 'username', 'email', 'email_verified', 'name', 'given_name', 'family_name', 'created_at', 'updated_at'] as const

/** Which unique key a failed write clashed on (Postgres names the index); undefined for any other failure. */
function clashOf (error: unknown): AccountClash | undefined {
  const { code, constraint } = error as { code?: unknown, constraint?: unknown }
  if (code !== UNIQUE_VIOLATION) return undefined
  return constraint === EMAIL_KEY_INDEX ? 'email_taken' : 'taken'
}

function toUser (row: Pick<UserRow, typeof columns[number]>): User {
  return {
    id: row.id,
    username: row.username,
    ...(row.email !== null && { email: row.email }),
    emailVerified: row.email_verified,
    ...(row.name !== null && { name: row.name }),
    ...(row.given_name !== null && { givenName: row.given_name }),
    ...(row.family_name !== null && { familyName: row.family_name }),
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** The columns for claim changes; a new address is unverified, the same one again keeps what was proven of it. */
function claimColumns ({ email, name, givenName, familyName }: UserClaimChanges) {
  return {
    ...(email !== undefined && {
      email: email?.address ?? null,
      email_key: email?.key ?? null,
      email_verified: email === null ? false : sql<boolean>`email_verified and email is not distinct from ${email.address}`
    }),
    ...(name !== undefined && { name }),
    ...(givenName !== undefined && { given_name: givenName }),
    ...(familyName !== undefined && { family_name: familyName })
  }
}

export function pgUserStore (db: Kysely<Database>): UserStore {
  return {
    async create (username, passwordHash, claims = {}) {
      try {
        const row = await db.insertInto('users')
          .values({
            username: username.name,
            username_key: username.key,
            password_hash: passwordHash,
            email: claims.email?.address ?? null,
            email_key: claims.email?.key ?? null,
            name: claims.name ?? null,
            given_name: claims.givenName ?? null,
            family_name: claims.familyName ?? null
          })
          .returning(columns).executeTakeFirstOrThrow()
        return toUser(row)
      } catch (error) {
        const clash = clashOf(error)
        if (clash) return clash
        throw error
      }
    },

    async find (id) {
      if (!UUID.test(id)) return undefined
      const row = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst()
      return row && toUser(row)
    },

    async findCredentials (usernameKey) {
      const row = await db.selectFrom('users').select([...columns, 'password_hash'])
        .where('username_key', '=', usernameKey)
        .executeTakeFirst()
      return row && { user: toUser(row), passwordHash: row.password_hash }
    },

    async findByEmail (emailKey) {
      const row = await db.selectFrom('users').select([...columns, 'password_hash'])
        .where('email_key', '=', emailKey)
        .executeTakeFirst()
      return row && { user: toUser(row), passwordHash: row.password_hash }
    },

    async markEmailVerified (id, email) {
      if (!UUID.test(id)) return undefined
      const row = await db.updateTable('users')
        .set({ email_verified: true, updated_at: new Date() })
        .where('id', '=', id)
        .where('email', '=', email)
        .returning(columns)
        .executeTakeFirst()
      return row && toUser(row)
    },

    async list (limit, after) {
      let query = db.selectFrom('users').select(columns).orderBy('id').limit(limit)
      if (after !== undefined) {
        if (!UUID.test(after)) return []
        query = query.where('id', '>', after)
      }
      return (await query.execute()).map(toUser)
    },

    async update (id, fields) {
      if (!UUID.test(id)) return undefined
      try {
        const row = await db.updateTable('users')
          .set({
            ...(fields.username !== undefined && { username: fields.username.name, username_key: fields.username.key }),
            ...(fields.passwordHash !== undefined && { password_hash: fields.passwordHash }),
            ...claimColumns(fields),
            updated_at: new Date()
          })
          .where('id', '=', id)
          .returning(columns)
          .executeTakeFirst()
        return row && toUser(row)
      } catch (error) {
        const clash = clashOf(error)
        if (clash) return clash
        throw error
      }
    },

    async delete (id) {
      if (!UUID.test(id)) return false
      const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst()
      return result.numDeletedRows > 0n
    }
  }
}
