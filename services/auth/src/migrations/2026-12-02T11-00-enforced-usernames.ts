// Usernames unique by their enforced form (RFC 8265 UsernameCaseMapped) in username_key; refuses to merge accounts.
import { sql, type Kysely } from 'kysely'

// Frozen here rather than imported. Until now sign-up allowed only [A-Za-z0-9._-], whose enforced form is the
// lower case; NFKC before lower-casing folds at least as much as the enforcement does for anything else, so every
// pair of accounts the enforced form could merge is found and reported.
const keyOf = (username: string) => username.normalize('NFKC').toLowerCase().normalize('NFC')

export async function up (db: Kysely<any>): Promise<void> {
  const users = await db.selectFrom('users').select(['id', 'username']).orderBy('created_at').execute() as Array<{ id: string, username: string }>
  const byKey = new Map<string, typeof users>()
  for (const user of users) byKey.set(keyOf(user.username), [...byKey.get(keyOf(user.username)) ?? [], user])
  const collisions = [...byKey].filter(([, group]) => group.length > 1)
  if (collisions.length > 0) {
    const listed = collisions.map(([key, group]) => `${key}: ${group.map((user) => `${user.id} ${JSON.stringify(user.username)}`).join(', ')}`)
    throw new Error(`these accounts share a username once enforced (RFC 8265); rename all but one in each line, then migrate again:\n${listed.join('\n')}`)
  }

  await db.schema.alterTable('users').addColumn('username_key', 'text').execute()
  if (users.length > 0) {
    await sql`update users set username_key = keyed.key
      from unnest(${users.map((user) => user.id)}::uuid[], ${users.map((user) => keyOf(user.username))}::text[]) as keyed(id, key)
      where users.id = keyed.id`.execute(db)
  }
  await db.schema.alterTable('users').alterColumn('username_key', (c) => c.setNotNull()).execute()
  await db.schema.dropIndex('users_username_key').execute()
  await db.schema.alterTable('users').addUniqueConstraint('users_username_key_unique', ['username_key']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropConstraint('users_username_key_unique').execute()
  await db.schema.alterTable('users').dropColumn('username_key').execute()
  await db.schema.createIndex('users_username_key').on('users').unique().expression(sql`lower(username)`).execute()
}
