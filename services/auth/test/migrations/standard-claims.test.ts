import t, { type Test } from 'tap'
import { databaseAt } from './support.js'
import { pgUserStore } from '../../src/storage/pg/users.js'

const BEFORE = '2026-12-02T11-00-enforced-usernames'

const databaseBefore = (t: Test) => databaseAt(t, BEFORE)

t.test('an account made before keeps working, with no claims and an unverified address', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  const [old] = await db.insertInto('users').values({ username: 'Ada', username_key: 'ada', password_hash: 'h' }).returning('id').execute()
  t.notOk((await migrator.migrateToLatest()).error)
  const users = pgUserStore(db)
  const found = await users.findCredentials('ada')
  t.equal(found?.passwordHash, 'h')
  t.match(found?.user, { id: old!.id, username: 'Ada', emailVerified: false })
  t.same(Object.keys(found!.user).sort(), ['createdAt', 'emailVerified', 'id', 'updatedAt', 'username'], 'no claim appears unset')
  const updated = await users.update(old!.id, { email: { address: 'ada@example.com', key: 'ada@example.com' }, name: 'Ada Lovelace' })
  t.match(updated, { email: 'ada@example.com', emailVerified: false, name: 'Ada Lovelace' })
})

t.test('email keys are unique where present; any number of accounts have none', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  t.notOk((await migrator.migrateToLatest()).error)
  await db.insertInto('users').values([
    { username: 'a', username_key: 'a', password_hash: 'h' },
    { username: 'b', username_key: 'b', password_hash: 'h' },
    { username: 'c', username_key: 'c', password_hash: 'h', email: 'C@x.example', email_key: 'c@x.example' }
  ]).execute()
  await t.rejects(db.insertInto('users').values({ username: 'd', username_key: 'd', password_hash: 'h', email: 'c@X.example', email_key: 'c@x.example' }).execute(), { code: '23505' })
  await t.rejects(db.insertInto('users').values({ username: 'e', username_key: 'e', password_hash: 'h', email: 'e@x.example' }).execute(), { code: '23514' }, 'an address without its key')
  await t.rejects(db.insertInto('users').values({ username: 'f', username_key: 'f', password_hash: 'h', email_verified: true }).execute(), { code: '23514' }, 'verified without an address')
})

t.test('migrating down removes the claims and keeps the accounts', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  t.notOk((await migrator.migrateToLatest()).error)
  await db.insertInto('users').values({ username: 'a', username_key: 'a', password_hash: 'h', email: 'a@x.example', email_key: 'a@x.example', name: 'A' }).execute()
  t.notOk((await migrator.migrateTo(BEFORE)).error)
  const rows = await db.selectFrom('users').selectAll().execute()
  t.equal(rows.length, 1)
  t.match(rows[0], { username: 'a', password_hash: 'h' })
  t.same(Object.keys(rows[0]!).sort(), ['created_at', 'id', 'password_hash', 'updated_at', 'username', 'username_key'])
  t.notOk((await migrator.migrateToLatest()).error, 'and up again')
})
