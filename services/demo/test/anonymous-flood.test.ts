// Anonymous visitors starting sign-ins cannot sign a real user out: pending sign-ins live in a pool of their own.
import t from 'tap'
import { SessionStore } from '../src/session/store.js'
import { signIn } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'

t.test('1,100 anonymous GET /sign-in leave a signed-in user signed in', async (t) => {
  const { app, user, browser } = await setup(t, await startKeyhold(t))
  await signIn(browser, user)
  for (let i = 0; i < 1100; i++) {
    const started = await app.inject({ method: 'GET', url: '/sign-in' })
    if (started.statusCode !== 303) throw new Error(`sign-in start failed: ${started.statusCode}`)
  }
  const home = await browser.get('/')
  t.equal(home.status, 200)
  t.match(home.body, 'Signed in as', 'still signed in')
  t.equal(app.sessions.indexSize, 2, 'the anonymous sessions were never indexed: one sid and one sub')
})

t.test('a flood of pending sign-ins pushes out only the oldest pending one', async (t) => {
  const store = new SessionStore(2, 60_000, Date.now, 2)
  const user = store.renew(store.create())
  const first = store.create()
  for (let i = 0; i < 10; i++) store.create()
  t.equal(store.get(user.id), user, 'the signed-in session stays')
  t.notOk(store.get(first.id), 'the oldest pending sign-in went')
  t.equal(store.size, 3)
})

t.test('signed-in sessions compete only with each other', async (t) => {
  const store = new SessionStore(2, 60_000, Date.now, 100)
  const [a, b, c] = [0, 1, 2].map(() => store.renew(store.create()))
  t.notOk(store.get(a!.id), 'the least recently used signed-in session went')
  t.ok(store.get(b!.id))
  t.ok(store.get(c!.id))
})
