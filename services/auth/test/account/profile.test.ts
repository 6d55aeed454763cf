// The profile page: the standard claims changed or removed; a new email address takes a recent sign-in, starts
// unverified and is told to the old address; bad input and forged forms change nothing.
import t from 'tap'
import { Browser, hiddenFields } from '../browser.js'
import { build } from '../helper.js'
import { ageSignIns, formFields, holder, mailTo, signedIn } from './support.js'

const PAGE = '/account/profile'
const fields = (claims: Record<string, string>) => ({ name: '', given_name: '', family_name: '', email: '', ...claims })
const save = async (browser: Browser, claims: Record<string, string>) => browser.post(PAGE, formFields(await browser.get(PAGE), PAGE, fields(claims)))

t.test('names are changed and removed, and the owner is told', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const page = await browser.get(PAGE)
  t.equal(page.headers['cache-control'], 'no-store')
  t.match(page.body, `value="${user.email}"`)

  const saved = await save(browser, { name: 'Ada Lovelace', given_name: 'Ada', email: user.email })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, `${PAGE}?done=saved`)
  t.match((await browser.get(saved.headers.location!)).body, 'value="Ada Lovelace"')
  t.match(await app.stores.users.find(user.id), { name: 'Ada Lovelace', givenName: 'Ada', email: user.email })
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'The name on your account was changed')

  await save(browser, { name: 'Ada Lovelace', email: user.email })
  t.equal((await app.stores.users.find(user.id))?.givenName, undefined, 'an emptied field removes its claim')
  const unchanged = await save(browser, { name: 'Ada Lovelace', email: user.email })
  t.equal(unchanged.headers.location, `${PAGE}?done=unchanged`)
})

t.test('a new email address starts unverified, and the old address is told', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const response = await save(browser, { email: 'new.address@example.org' })
  t.equal(response.headers.location, `${PAGE}?done=email-changed`)
  t.match((await browser.get(response.headers.location!)).body, 'We sent a link to the new address')
  t.match(await app.stores.users.find(user.id), { email: 'new.address@example.org', emailVerified: false })
  t.match((await mailTo(app, user.email)).at(-1)?.text, 'The email address of your account was changed to new.address@example.org')

  const verification = (await mailTo(app, 'new.address@example.org')).at(-1)
  t.equal(verification?.subject, 'Verify your email address', 'the new address is sent a verification link')
  const link = new URL(verification!.text.match(/https?:\/\/\S+/)![0])
  await browser.follow(await browser.get(`${link.pathname}${link.search}`))
  t.match(await app.stores.users.find(user.id), { email: 'new.address@example.org', emailVerified: true }, 'and the link verifies it')
})

t.test('an older sign-in signs in again before the email address changes, and comes back', async (t) => {
  const app = await build(t)
  const user = await holder(app)
  const browser = await signedIn(app, user)
  await ageSignIns(app, user.id, 600)
  t.equal((await save(browser, { name: 'Only a name', email: user.email })).statusCode, 303, 'a name needs no fresh sign-in')
  const stale = await save(browser, { name: 'Only a name', email: 'elsewhere@example.org' })
  t.equal(stale.statusCode, 303)
  t.equal(stale.headers.location, '/login?return_to=%2Faccount%2Fprofile')
  t.equal((await app.stores.users.find(user.id))?.email, user.email, 'unchanged')

  const login = await browser.get(stale.headers.location!)
  const back = await browser.post('/login', { ...hiddenFields(login.body), username: user.username, password: user.password })
  t.equal(back.headers.location, PAGE, 'back on the profile page after signing in again')
  t.equal((await save(browser, { name: 'Only a name', email: 'elsewhere@example.org' })).headers.location, `${PAGE}?done=email-changed`)
})

t.test('bad input, a taken address and a forged form change nothing', async (t) => {
  const app = await build(t)
  const [user, other] = [await holder(app), await holder(app)]
  const browser = await signedIn(app, user)
  const invalid = await save(browser, { email: 'not an address' })
  t.equal(invalid.statusCode, 400)
  t.match(invalid.body, 'The email address is not valid')
  t.equal((await save(browser, { name: 'x'.repeat(201), email: user.email })).statusCode, 400, 'an oversized name')
  t.equal((await save(browser, { name: 'bad\u202Ename', email: user.email })).statusCode, 400, 'a name with bidirectional controls')
  const taken = await save(browser, { email: other.email.toUpperCase() })
  t.equal(taken.statusCode, 409)
  t.match(taken.body, 'Another account has that email address')
  t.equal((await browser.post(PAGE, fields({ name: 'Forged', email: user.email }))).statusCode, 403, 'no token')
  t.equal((await new Browser(app).post(PAGE, fields({ name: 'Forged' }))).statusCode, 403, 'no session')
  t.match(await app.stores.users.find(user.id), { email: user.email, name: undefined })
  t.same(await mailTo(app, user.email), [])
})
