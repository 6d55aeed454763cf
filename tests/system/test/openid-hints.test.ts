// login_hint and id_token_hint as a relying party sends them: the hint fills in the sign-in form (escaped), and an
// id_token_hint with prompt=none answers with a code only when the signed-in user is the one the hint names.
import t from 'tap'
import { Browser, showsSignIn, unescapeHtml } from './browser.js'
import { destination, oidc, open, REDIRECT_URI, rejection, relyingParty, signIn } from './openid.js'
import { signUp, startSystem } from './system.js'

/** The value the sign-in form's username field starts with, as the browser would read it. */
function usernameField (body: string): string | undefined {
  const value = /<input type="text" id="username"[^>]* value="([^"]*)">/.exec(body)?.[1]
  return value === undefined ? undefined : unescapeHtml(value)
}

t.test('login_hint and id_token_hint', async (t) => {
  const system = await startSystem(t)
  const rp = await relyingParty(system)
  const [ada, grace] = [await signUp(system), await signUp(system)]

  t.test('login_hint fills in the username on the sign-in page', async (t) => {
    const { page } = await open(rp, new Browser(), { login_hint: ada.username })
    t.ok(showsSignIn(page))
    t.equal(usernameField(page.body), ada.username)

    const hostile = '"><script>alert(1)</script>'
    const escaped = await open(rp, new Browser(), { login_hint: hostile })
    t.notOk(escaped.page.body.includes('<script>alert(1)'), 'markup in the hint is escaped')
    t.equal(usernameField(escaped.page.body), hostile, 'and shown as the text it is')
  })

  t.test('without a hint the username starts empty', async (t) => {
    t.equal(usernameField((await open(rp, new Browser(), {})).page.body), '')
  })

  const adaBrowser = new Browser()
  const adaSignIn = await signIn(rp, adaBrowser, ada)
  const graceSignIn = await signIn(rp, new Browser(), grace)

  t.test('id_token_hint with prompt=none naming the signed-in user: a code, for that user', async (t) => {
    const { page, checks } = await open(rp, adaBrowser, { prompt: 'none', id_token_hint: adaSignIn.id_token! })
    t.equal(page.status, 302)
    t.equal(destination(page.location), REDIRECT_URI)
    const tokens = await oidc.authorizationCodeGrant(rp.config, page.location!, checks)
    t.equal(tokens.claims()!.sub, ada.id)
  })

  t.test('id_token_hint with prompt=none naming another user: login_required, and no code for the signed-in one', async (t) => {
    const { page, checks } = await open(rp, adaBrowser, { prompt: 'none', id_token_hint: graceSignIn.id_token! })
    t.equal(page.status, 302)
    t.notOk(page.location?.searchParams.has('code'))
    const error = await rejection(oidc.authorizationCodeGrant(rp.config, page.location!, checks))
    t.match(error, { name: 'AuthorizationResponseError', error: 'login_required' })
  })

  t.test('id_token_hint with prompt=none, signed out: login_required', async (t) => {
    const { page, checks } = await open(rp, new Browser(), { prompt: 'none', id_token_hint: adaSignIn.id_token! })
    const error = await rejection(oidc.authorizationCodeGrant(rp.config, page.location!, checks))
    t.match(error, { name: 'AuthorizationResponseError', error: 'login_required' })
  })

  t.test('id_token_hint without prompt: the sign-in page when the signed-in user is not the one named', async (t) => {
    const { page } = await open(rp, adaBrowser, { id_token_hint: graceSignIn.id_token! })
    t.ok(showsSignIn(page), 'the other user must sign in')
  })
})
