// Deleting the account from its page: only after a recent sign-in and with the username typed out; then everything
// ends, as the account API's deletion does, and the owner is told.
import t from 'tap'
import { Browser, signIn } from '../browser.js'
import { build, basic, postForm } from '../helper.js'
import { codeFlowTokens, createOidcClient } from '../oidc/support.js'
import { ageSignIns, formFields, holder, isSignedIn, mailTo, signedIn } from './support.js'

const PAGE = '/account/delete'

t.test('with a recent sign-in and the username typed, the account and everything it held ends', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const client = await createOidcClient(app)
  const browser = await signedIn(app, user)
  const elsewhere = await signedIn(app, user)
  const { body: tokens } = await codeFlowTokens(app, { browser: elsewhere, user }, client)

  const page = await browser.get(PAGE)
  t.equal(page.statusCode, 200)
  t.equal(page.headers['cache-control'], 'no-store')
  const wrong = await browser.post(PAGE, formFields(page, PAGE, { confirm_username: `${user.username}x` }))
  t.equal(wrong.statusCode, 400)
  t.match(wrong.body, 'Type your username exactly')
  t.ok(await app.stores.users.find(user.id), 'still there')

  const deleted = await browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, { confirm_username: user.username.toUpperCase() }))
  t.equal(deleted.statusCode, 200)
  t.match(deleted.body, 'Account deleted')
  t.equal(await app.stores.users.find(user.id), undefined)
  t.notOk(await isSignedIn(browser))
  t.notOk(await isSignedIn(elsewhere))
  const refreshed = await postForm(app, '/token', { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
    { authorization: basic(client.client_id, client.client_secret!) })
  t.equal(refreshed.statusCode, 400, 'its grants ended')
  t.equal((await signIn(new Browser(app), user)).statusCode, 400, 'it no longer signs in')
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'Your Keyhold account was deleted')
})

t.test('an older sign-in signs in again first, for the page and for the form', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const form = formFields(await browser.get(PAGE), PAGE, { confirm_username: user.username })
  await ageSignIns(app, user.id, 600)
  const page = await browser.get(PAGE)
  t.equal(page.statusCode, 302)
  t.equal(page.headers.location, '/login?return_to=%2Faccount%2Fdelete')
  const posted = await browser.post(PAGE, form)
  t.equal(posted.statusCode, 303)
  t.equal(posted.headers.location, '/login?return_to=%2Faccount%2Fdelete')
  t.ok(await app.stores.users.find(user.id), 'still there')
})

t.test('a forged form deletes nothing', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  t.equal((await browser.post(PAGE, { confirm_username: user.username })).statusCode, 403)
  const foreign = formFields(await (await signedIn(app, await holder(app))).get(PAGE), PAGE)
  t.equal((await browser.post(PAGE, { ...foreign, confirm_username: user.username })).statusCode, 403)
  t.ok(await app.stores.users.find(user.id))
  t.same(await mailTo(app, user.email), [])
})
