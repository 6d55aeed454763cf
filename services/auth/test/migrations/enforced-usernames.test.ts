import t, { type Test } from 'tap'
import { databaseAt } from './support.js'

const BEFORE = '2026-11-24T09-00-users-and-consents'

const databaseBefore = (t: Test) => databaseAt(t, BEFORE)

t.test('fills username_key with the enforced form, unique from then on', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  await db.insertInto('users').values([{ username: 'Alice', password_hash: 'h' }, { username: 'bob.b', password_hash: 'h' }]).execute()
  t.notOk((await migrator.migrateToLatest()).error)
  const rows = await db.selectFrom('users').select(['username', 'username_key']).orderBy('username').execute()
  t.same(rows, [{ username: 'Alice', username_key: 'alice' }, { username: 'bob.b', username_key: 'bob.b' }])
  await t.rejects(db.insertInto('users').values({ username: 'ALICE', username_key: 'alice', password_hash: 'h' }).execute(), { code: '23505' })
})

t.test('refuses to merge accounts whose names collide once enforced, and lists them', async (t) => {
  const { db, migrator } = await databaseBefore(t)
  const [fullwidth] = await db.insertInto('users').values([{ username: '\uFF4Bpa1', password_hash: 'h' }]).returning('id').execute()
  const [latin] = await db.insertInto('users').values([{ username: 'kpa1', password_hash: 'h' }]).returning('id').execute()
  await db.insertInto('users').values({ username: 'unrelated', password_hash: 'h' }).execute()
  const { error } = await migrator.migrateToLatest()
  t.match(String(error), /share a username once enforced/)
  t.match(String(error), new RegExp(`kpa1: ${fullwidth!.id} .*, ${latin!.id} "kpa1"`))
  t.notMatch(String(error), /unrelated/)
  t.equal((await db.selectFrom('users').select('id').execute()).length, 3, 'nothing merged or removed')
})
