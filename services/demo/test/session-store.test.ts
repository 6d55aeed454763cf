// The in-memory session store stays bounded in count and idle time, and renews ids on sign-in.
import t from 'tap'
import { SessionStore } from '../src/session/store.js'

function clock () {
  let now = 0
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

t.test('evicts the least recently used session when full', async (t) => {
  const store = new SessionStore(2, 60_000)
  const a = store.create()
  const b = store.create()
  t.ok(store.get(a.id), 'a is used, so b is now the oldest')
  const c = store.create()
  t.equal(store.size, 2)
  t.ok(store.get(a.id))
  t.notOk(store.get(b.id))
  t.ok(store.get(c.id))
})

t.test('forgets sessions idle for longer than the TTL', async (t) => {
  const time = clock()
  const store = new SessionStore(10, 1000, time.now)
  const idle = store.create()
  const active = store.create()
  time.advance(600)
  t.ok(store.get(active.id))
  time.advance(600)
  t.notOk(store.get(idle.id))
  t.ok(store.get(active.id), 'activity keeps a session alive')
  time.advance(1001)
  store.create()
  t.equal(store.size, 1, 'expired sessions are swept when new ones are made')
})

t.test('renewal gives a new id and CSRF token and keeps the state', async (t) => {
  const store = new SessionStore(10, 60_000)
  const session = store.create()
  session.notice = 'kept'
  const renewed = store.renew(session)
  t.not(renewed.id, session.id)
  t.not(renewed.csrfToken, session.csrfToken)
  t.equal(renewed.notice, 'kept')
  t.notOk(store.get(session.id))
  t.equal(store.get(renewed.id), renewed)
})

t.test('ids and CSRF tokens are 256-bit random strings', async (t) => {
  const session = new SessionStore(10, 60_000).create()
  t.match(session.id, /^[A-Za-z0-9_-]{43}$/)
  t.match(session.csrfToken, /^[A-Za-z0-9_-]{43}$/)
  t.not(session.id, session.csrfToken)
})

t.test('a logout ends the sessions of its sid, or with a sub alone all of that user\'s', async (t) => {
  const store = new SessionStore(10, 60_000)
  const signIn = (sub: string, sid: string) => store.renew(store.create(), { identity: { sub, sid } })
  const [adaHere, adaThere, grace] = [signIn('ada', 's1'), signIn('ada', 's2'), signIn('grace', 's3')]
  t.equal(store.endSessionsOf({ sid: 's1' }), 1)
  t.notOk(store.get(adaHere.id))
  t.ok(store.get(adaThere.id), 'another sid of the same user stays')
  t.equal(store.endSessionsOf({ sid: 's3', sub: 'ada' }), 0, 'a sid and a sub that do not belong together end nothing')
  t.equal(store.endSessionsOf({ sub: 'ada' }), 1)
  t.notOk(store.get(adaThere.id))
  t.ok(store.get(grace.id))
  t.equal(store.endSessionsOf({}), 0)
})

t.test('the sid and sub index holds only live signed-in sessions, however they leave', async (t) => {
  const time = clock()
  const store = new SessionStore(3, 1000, time.now)
  const signIn = (n: number) => store.renew(store.create(), { identity: { sub: `user-${n}`, sid: `sid-${n}` } })
  for (let n = 0; n < 100; n++) signIn(n)
  t.equal(store.indexSize, 6, 'evicted sessions leave the index: 3 sessions, a sid and a sub each')
  t.equal(store.endSessionsOf({ sub: 'user-0' }), 0, 'an evicted session is not found')

  const last = signIn(100)
  store.destroy(last.id)
  t.equal(store.indexSize, 4, 'so do destroyed ones')
  time.advance(1001)
  signIn(101)
  t.equal(store.indexSize, 2, 'and idle ones')
  t.equal(store.endSessionsOf({ sid: 'sid-101' }), 1)
  t.equal(store.indexSize, 0)
})

t.test('anonymous sessions are not indexed, and renewal without an identity indexes nothing', async (t) => {
  const store = new SessionStore(10, 60_000, Date.now, 10)
  for (let i = 0; i < 50; i++) store.create()
  store.renew(store.create())
  t.equal(store.indexSize, 0)
})
