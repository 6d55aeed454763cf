// The behaviour every SessionStore promises, run against each implementation.
import type { Test } from 'tap'
import type { SessionRecord, SessionStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (): SessionRecord => ({ userId: fresh(), username: 'alice', authTime: 1_800_000_000 })

export async function sessionStoreContract (t: Test, make: MakeStore<SessionStore>): Promise<void> {
  t.test('a session is found by its hash until deleted', async (t) => {
    const sessions = await make(t)
    const [session, other] = [record(), record()]
    await sessions.create('s1', session, 60)
    await sessions.create('s2', other, 60)
    t.same(await sessions.find('s1'), session)
    await sessions.delete('s1')
    t.equal(await sessions.find('s1'), undefined)
    t.same(await sessions.find('s2'), other)
    await sessions.delete('never-created')
    t.equal(await sessions.find('unknown'), undefined)
  })

  t.test('a session ends when its TTL has passed', async (t) => {
    const sessions = await make(t)
    await sessions.create('short', record(), SHORT_TTL)
    await sessions.create('long', record(), 60)
    await outliveShortTtl()
    t.equal(await sessions.find('short'), undefined)
    t.not(await sessions.find('long'), undefined)
  })

  t.test("ending a user's sessions ends every one of theirs and no one else's", async (t) => {
    const sessions = await make(t)
    const [user, other] = [record(), record()]
    await sessions.create('laptop', user, 60)
    await sessions.create('phone', user, 60)
    await sessions.create('theirs', other, 60)
    await sessions.endUserSessions(user.userId)
    t.equal(await sessions.find('laptop'), undefined)
    t.equal(await sessions.find('phone'), undefined)
    t.same(await sessions.find('theirs'), other)
    await sessions.endUserSessions(fresh())
    await sessions.create('again', user, 60)
    t.same(await sessions.find('again'), user, 'a sign-in afterwards starts a new session')
  })
}
