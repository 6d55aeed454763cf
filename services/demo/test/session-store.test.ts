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
