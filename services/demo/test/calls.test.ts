// Starting and ending calls: CSRF-protected form posts that reach the resource service and report back.
import t from 'tap'
import { Browser, csrfOf, signIn } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'
import { aCall } from './helpers/resource.js'

const keyhold = await startKeyhold(t)

t.test('starts a call and ends it, with a notice each time', async (t) => {
  const { user, resource, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const csrf = csrfOf(await browser.get('/'))

  const started = await browser.post('/calls', { _csrf: csrf, number: ' +44 20 7946 0000 ' })
  t.equal(started.status, 303)
  t.equal(started.location, '/')
  t.match(resource.calls, [{ number: '+442079460000', status: 'ongoing' }], 'spaces are dropped')
  const id = resource.calls[0]!.id
  const home = await browser.get('/')
  t.match(home.body, '<p id="notice" role="status">Calling +442079460000.</p>')
  t.match(home.body, `data-call-id="${id}"`)
  t.match(home.body, `action="/calls/${id}/end"`)

  t.equal((await browser.post(`/calls/${id}/end`, { _csrf: csrf })).status, 303)
  t.equal(resource.calls[0]!.status, 'ended')
  const after = await browser.get('/')
  t.match(after.body, 'Call ended.')
  t.match(after.body, 'id="no-calls"')
  t.notMatch((await browser.get('/')).body, 'id="notice"', 'a notice is shown once')
})

t.test('a form post without the session\'s CSRF token changes nothing', async (t) => {
  const { user, backChannel, resource, app, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const other = await signIn(new Browser(app), await keyhold.signUp())
  const foreign = csrfOf(await other.get('/'))
  const before = resource.requests.length

  const forms: Record<string, string>[] = [{ number: '123456' }, { _csrf: foreign, number: '123456' }, { _csrf: '', number: '123456' }]
  for (const form of forms) {
    const page = await browser.post('/calls', form)
    t.ok(page.status === 403 || page.status === 400, `refused: ${JSON.stringify(Object.keys(form))}`)
  }
  t.equal((await browser.post('/sign-out', { _csrf: foreign })).status, 403)
  t.equal(resource.requests.length, before)
  t.same(resource.calls, [])
  t.same(backChannel.sent('/revoke'), [])
})

t.test('a post from a browser without a session goes to the start page', async (t) => {
  const { resource, browser } = await setup(t, keyhold)
  const page = await browser.post('/calls', { _csrf: 'x', number: '123456' })
  t.equal(page.status, 303)
  t.equal(page.location, '/')
  t.same(resource.requests, [])
})

t.test('a number the resource service refuses is reported on the page, escaped', async (t) => {
  const { user, resource, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const csrf = csrfOf(await browser.get('/'))
  await browser.post('/calls', { _csrf: csrf, number: '<b>x</b>' })
  t.same(resource.calls, [])
  const home = await browser.get('/')
  t.match(home.body, 'The calls service refused: number is not a phone number.')
  t.notMatch(home.body, '<b>x</b>')
})

t.test('ending an unknown call says so', async (t) => {
  const { user, browser } = await setup(t, keyhold)
  await signIn(browser, user)
  const csrf = csrfOf(await browser.get('/'))
  t.equal((await browser.post('/calls/0e4cc0f4-5d0f-4c5e-9d55-5bd0c0d0c009/end', { _csrf: csrf })).status, 303)
  t.match((await browser.get('/')).body, 'The calls service refused: not_found.')
  t.equal((await browser.post('/calls/nope/end', { _csrf: csrf })).status, 400, 'a malformed id is refused here')
})

t.test('call numbers from the resource service are escaped', async (t) => {
  const { user, resource, browser } = await setup(t, keyhold)
  resource.calls.push(aCall('0e4cc0f4-5d0f-4c5e-9d55-5bd0c0d0c003', '<script>alert(1)</script>'))
  await signIn(browser, user)
  const home = await browser.get('/')
  t.notMatch(home.body, '<script>')
  t.match(home.body, '&lt;script&gt;alert(1)&lt;/script&gt;')
})

t.test('an answer outside the calls contract is reported, not shown', async (t) => {
  const { user, resource, browser } = await setup(t, keyhold)
  resource.calls.push(aCall('not-a-uuid', '+14155550100'))
  await signIn(browser, user)
  const home = await browser.get('/')
  t.equal(home.status, 200)
  t.match(home.body, 'id="resource-error"')
  t.notMatch(home.body, 'not-a-uuid')
})
