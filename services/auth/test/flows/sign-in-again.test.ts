// A sign-in that is not for an authorization request may return to one of the service's own account pages, and
// nowhere else: the form asks again even when the browser has a session.
import t from 'tap'
import { Browser, hiddenFields, signUp } from '../browser.js'
import { build } from '../helper.js'

t.test('signing in again returns to the account page it was asked for', async (t) => {
  const app = await build(t)
  const user = await signUp(app)
  const browser = new Browser(app)
  await browser.follow(await browser.post('/login', { ...hiddenFields((await browser.get('/login')).body), username: user.username, password: user.password }))

  const again = await browser.get('/login?return_to=/account/password')
  t.equal(again.statusCode, 200, 'asked again though the browser is signed in')
  t.match(again.body, 'sign in again')
  const fields = hiddenFields(again.body)
  t.equal(fields.return_to, '/account/password')
  const signedIn = await browser.post('/login', { ...fields, username: user.username, password: user.password })
  t.equal(signedIn.statusCode, 303)
  t.equal(signedIn.headers.location, '/account/password')
})

t.test('a return address outside the account pages is refused', async (t) => {
  const app = await build(t)
  const user = await signUp(app)
  const browser = new Browser(app)
  for (const returnTo of ['https://evil.example/', '//evil.example/account', '/account/../admin', '/account\\evil', '/consent', '/account?x=1']) {
    t.equal((await browser.get(`/login?${new URLSearchParams({ return_to: returnTo })}`)).statusCode, 400, `GET with ${returnTo}`)
    const fields = hiddenFields((await browser.get('/login')).body)
    const posted = await browser.post('/login', { ...fields, username: user.username, password: user.password, return_to: returnTo })
    t.equal(posted.statusCode, 400, `POST with ${returnTo}`)
  }
})

t.test('an authorization request decides where the sign-in goes, whatever return_to says', async (t) => {
  const app = await build(t)
  const user = await signUp(app)
  const browser = new Browser(app)
  const fields = hiddenFields((await browser.get('/login?request_id=unknown-request')).body)
  const posted = await browser.post('/login', { ...fields, username: user.username, password: user.password, return_to: '/account' })
  t.equal(posted.statusCode, 303)
  t.equal(posted.headers.location, '/consent?request_id=unknown-request')
})
