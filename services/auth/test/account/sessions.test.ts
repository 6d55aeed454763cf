// The sessions page: every session of the user listed, this one marked; ending one signs that browser out and ends
// what it signed in to; another user's session, a forged form or a malformed id changes nothing.
import t from 'tap'
import { REDIRECT_URI } from '../browser.js'
import { basic, build, postForm } from '../helper.js'
import { codeFlowTokens, createOidcClient } from '../oidc/support.js'
import { describeDevice } from '../../src/interaction/account/device.js'
import { formFields, holder, isSignedIn, mailTo, signedIn, submit } from './support.js'

const END = '/account/sessions/end'

t.test('ending another session signs that browser out, ends its grants, and is mailed', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const here = await signedIn(app, user, '192.0.2.10')
  const there = await signedIn(app, user, '198.51.100.20')
  const client = await createOidcClient(app)
  const { body: tokens } = await codeFlowTokens(app, { browser: there, user }, client, { scope: 'openid ships:read' })

  const page = await here.get('/account/sessions')
  t.equal(page.statusCode, 200)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, 'from 192.0.2.10')
  t.match(page.body, 'from 198.51.100.20')
  t.equal(page.body.match(/this browser/g)?.length, 1, 'one session marked as this one')
  t.match(page.body, 'signed in to Ship Tracker', 'the clients the other session signed in to')
  t.match(page.body, /last seen \d{4}-\d\d-\d\d \d\d:\d\d UTC/)

  const ended = await here.post(END, formFields(page, END))
  t.equal(ended.statusCode, 303)
  t.equal(ended.headers.location, '/account/sessions?done=ended')
  t.match((await here.get(ended.headers.location!)).body, 'that browser is signed out')
  t.notOk(await isSignedIn(there), 'the other browser is signed out')
  t.ok(await isSignedIn(here), 'this one is not')
  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, redirect_uri: REDIRECT_URI },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(refreshed.statusCode, 400, 'the grant the session started has ended')
  t.match((await mailTo(app, user.email)).at(-1)?.text, /A session of your account \(.*198\.51\.100\.20\) was ended/)
})

t.test('every other session ends at once; this one stays', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const here = await signedIn(app, user)
  const others = [await signedIn(app, user), await signedIn(app, user)]
  const response = await submit(here, '/account/sessions', '/account/sessions/end-others')
  t.equal(response.headers.location, '/account/sessions?done=others-ended')
  for (const other of others) t.notOk(await isSignedIn(other))
  t.ok(await isSignedIn(here))
  t.equal((await app.stores.sessions.listForUser(user.id)).length, 1)
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'Every other session of your account (2) was ended')
})

t.test("another user's session, a forged form and a malformed id end nothing", async (t) => {
  const app = await build(t)
  const [alice, mallory] = [await holder(app), await holder(app)]
  const aliceBrowser = await signedIn(app, alice)
  await signedIn(app, alice)
  const malloryBrowser = await signedIn(app, mallory)
  const [aliceSid] = (await app.stores.sessions.listForUser(alice.id)).map(({ record }) => record.sid!)
  await signedIn(app, mallory)
  const form = formFields(await malloryBrowser.get('/account/sessions'), '/account/sessions/end-others')

  const theirs = await malloryBrowser.post(END, { ...form, sid: aliceSid! })
  t.equal(theirs.statusCode, 403, "a token for another form is refused")
  const token = formFields(await aliceBrowser.get('/account/sessions'), END)._csrf!
  t.equal((await malloryBrowser.post(END, { _csrf: token, sid: aliceSid! })).statusCode, 403, "alice's token in mallory's browser")
  t.equal((await malloryBrowser.post(END, { sid: aliceSid! })).statusCode, 403, 'no token')

  // Mallory's own valid form, naming alice's session: refused as one that does not exist.
  const own = formFields(await malloryBrowser.get('/account/sessions'), END)
  const refused = await malloryBrowser.post(END, { ...own, sid: aliceSid! })
  t.equal(refused.statusCode, 404)
  t.equal((await app.stores.sessions.listForUser(alice.id)).length, 2, "alice's sessions live on")
  for (const sid of ['', 'a b', 'x'.repeat(101), '../etc']) {
    const malformed = await malloryBrowser.post(END, { ...own, sid })
    t.ok(malformed.statusCode >= 400 && malformed.statusCode < 500, `sid ${JSON.stringify(sid.slice(0, 10))} → ${malformed.statusCode}`)
  }
  t.same(await mailTo(app, alice.email), [], 'alice was told of nothing')
})

t.test('ending this browser’s own session signs it out', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const [own] = await app.stores.sessions.listForUser(user.id)
  await signedIn(app, user)
  // The page offers no button for this browser's own session; a hand-made post with the right token is a sign-out.
  const response = await browser.post(END, formFields(await browser.get('/account/sessions'), END, { sid: own!.record.sid! }))
  t.equal(response.statusCode, 303)
  t.notOk(await isSignedIn(browser))
})

t.test('a session notes when it was last seen, at most once a minute', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const { sessionHash } = (await app.stores.sessions.listForUser(user.id))[0]!
  const now = Math.floor(Date.now() / 1000)
  await app.stores.sessions.touch(sessionHash, now - 30)
  await browser.get('/account')
  t.equal((await app.stores.sessions.find(sessionHash))?.lastSeen, now - 30, 'seen within the minute: nothing written')
  await app.stores.sessions.touch(sessionHash, now - 90)
  await browser.get('/account')
  t.ok((await app.stores.sessions.find(sessionHash))!.lastSeen! >= now, 'seen over a minute ago: noted again')
})

t.test('the device is named from the User-Agent', async (t) => {
  const cases: Array<[string | undefined, string]> = [
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', 'Chrome on iOS'],
    ['curl/8.5.0', 'curl'],
    ['something else', 'Unknown browser'],
    [undefined, 'Unknown device']
  ]
  for (const [userAgent, device] of cases) t.equal(describeDevice(userAgent), device)
})
