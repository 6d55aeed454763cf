// User accounts in Postgres; usernames are unique by their enforced form (RFC 8265), kept in username_key.
import type { Kysely } from 'kysely'
import type { User, UserStore } from '../types.js'
import type { Database, UserRow } from './database.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const UNIQUE_VIOLATION = '23505'
const columns = ['id', 'username', 'created_at', 'updated_at'] as const
const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === UNIQUE_VIOLATION

function toUser (row: Pick<UserRow, typeof columns[number]>): User {
  return { id: row.id, username: row.username, createdAt: row.created_at, updatedAt: row.updated_at }
}


export function pgUserStore (db: Kysely<Database>): UserStore {
  return {
    async create (username, passwordHash) {
      try {
        const row = await db.insertInto('users').values({ username: username.name, username_key: username.key, password_hash: passwordHash })
          .returning(columns).executeTakeFirstOrThrow()
        return toUser(row)
      } catch (error) {
        if (isUniqueViolation(error)) return undefined
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
            updated_at: new Date()
          })
          .where('id', '=', id)
          .returning(columns)
          .executeTakeFirst()
        return row && toUser(row)
      } catch (error) {
        if (isUniqueViolation(error)) return 'taken'
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
