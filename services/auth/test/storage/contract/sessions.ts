// The behaviour every SessionStore promises, run against each implementation.
import type { Test } from 'tap'
import type { SessionRecord, SessionStore } from '../../../src/storage/types.js'
import { fresh, outliveShortTtl, SHORT_TTL, type MakeStore } from './support.js'

const record = (): SessionRecord => ({ userId: fresh(), username: 'alice', authTime: 1_800_000_000, sid: fresh(), amr: ['pwd'] })

export async function sessionStoreContract (t: Test, make: MakeStore<SessionStore>): Promise<void> {
  t.test('a session is found by its hash until ended', async (t) => {
    const sessions = await make(t)
    const [session, other] = [record(), record()]
    await sessions.create('s1', session, 60)
    await sessions.create('s2', other, 60)
    t.same(await sessions.find('s1'), session)
    t.same(await sessions.end('s1'), { record: session, clients: [], grants: [] })
    t.equal(await sessions.find('s1'), undefined)
    t.same(await sessions.find('s2'), other)
    t.equal(await sessions.end('never-created'), undefined)
    t.equal(await sessions.find('unknown'), undefined)
  })

  t.test('a session ends with who took part in it, once, and the user’s list no longer shows it', async (t) => {
    const sessions = await make(t)
    const session = record()
    await sessions.create('s1', session, 60)
    await sessions.create('s2', { ...session, sid: fresh() }, 60)
    await sessions.join(session.sid!, { clientId: 'app' }, 60)
    await sessions.join(session.sid!, { clientId: 'app', grantId: 'g1', offline: false }, 60)
    await sessions.join(session.sid!, { clientId: 'other', grantId: 'g2', offline: true }, 60)
    t.same((await sessions.participants(session.sid!)).sort(), ['app', 'other'])
    t.same((await sessions.listForUser(session.userId)).map((listed) => listed.sessionHash).sort(), ['s1', 's2'])
    const [first, second] = await Promise.all([sessions.end('s1'), sessions.end('s1')])
    const ended = first ?? second
    t.ok((first === undefined) !== (second === undefined), 'of two concurrent ends, one gets the session')
    t.same(ended!.clients.sort(), ['app', 'other'])
    t.same(ended!.grants.sort((a, b) => a.grantId.localeCompare(b.grantId)),
      [{ grantId: 'g1', clientId: 'app', offline: false }, { grantId: 'g2', clientId: 'other', offline: true }])
    t.same(await sessions.participants(session.sid!), [], 'its participants go with it')
    t.same((await sessions.listForUser(session.userId)).map((listed) => listed.sessionHash), ['s2'])
  })

  t.test('touching a session notes when it was last used, keeps its expiry, and never brings an ended one back', async (t) => {
    const sessions = await make(t)
    const session = record()
    await sessions.create('short', session, SHORT_TTL)
    await sessions.touch('short', 1_800_000_060)
    t.same(await sessions.find('short'), { ...session, lastSeen: 1_800_000_060 })
    t.same((await sessions.listForUser(session.userId))[0]?.record.lastSeen, 1_800_000_060)
    await outliveShortTtl()
    t.equal(await sessions.find('short'), undefined, 'it still ends when it would have')
    await sessions.create('ended', session, 60)
    await sessions.end('ended')
    await sessions.touch('ended', 1_800_000_120)
    await sessions.touch('never-created', 1_800_000_120)
    t.equal(await sessions.find('ended'), undefined)
    t.equal(await sessions.find('never-created'), undefined)
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
    await sessions.join(user.sid!, { clientId: 'app' }, 60)
    const ended = await sessions.endUserSessions(user.userId)
    t.equal(ended.length, 2, 'each ended session comes back')
    t.same(ended.flatMap((session) => session.clients), ['app'], 'with who took part')
    t.equal(await sessions.find('laptop'), undefined)
    t.equal(await sessions.find('phone'), undefined)
    t.same(await sessions.find('theirs'), other)
    await sessions.endUserSessions(fresh())
    await sessions.create('again', user, 60)
    t.same(await sessions.find('again'), user, 'a sign-in afterwards starts a new session')
  })
}
