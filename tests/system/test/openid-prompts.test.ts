// prompt and max_age as a relying party uses them through openid-client: prompt=none answers without a page (a code,
// or login_required / consent_required the library reports), prompt=login and a session older than max_age make the
// user sign in again, prompt=consent asks again.
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { asksConsent, Browser, continueFrom, showsSignIn, signIn as submitSignIn } from './browser.js'
import { destination, oidc, open, REDIRECT_URI, rejection, relyingParty, signIn } from './openid.js'
import { signUp, startSystem } from './system.js'

t.test('prompt and max_age decide whether the user sees a page, signs in again or is asked again', async (t) => {
  const system = await startSystem(t)
  const rp = await relyingParty(system)
  const user = await signUp(system)

  t.test('prompt=none, signed out: login_required at the redirect URI, which openid-client reports', async (t) => {
    const { page, checks } = await open(rp, new Browser(), { prompt: 'none' })
    t.equal(page.status, 302, 'a redirect, no page')
    t.equal(destination(page.location), REDIRECT_URI)
    const error = await rejection(oidc.authorizationCodeGrant(rp.config, page.location!, checks))
    t.match(error, { name: 'AuthorizationResponseError', error: 'login_required' }, 'state and iss checked, then the error')
  })

  t.test('prompt=none, signed in and consented: a code without any page', async (t) => {
    const browser = new Browser()
    const first = await signIn(rp, browser, user)
    const { page, checks } = await open(rp, browser, { prompt: 'none' })
    t.equal(page.status, 302)
    t.equal(destination(page.location), REDIRECT_URI)
    t.ok(page.location?.searchParams.has('code'))
    const tokens = await oidc.authorizationCodeGrant(rp.config, page.location!, checks)
    t.match(tokens.claims(), { sub: user.id, auth_time: first.claims()!.auth_time, sid: first.claims()!.sid })

    t.test('for a scope not consented to: consent_required', async (t) => {
      const { page, checks } = await open(rp, browser, { prompt: 'none', scope: 'openid email' })
      t.equal(page.status, 302)
      const error = await rejection(oidc.authorizationCodeGrant(rp.config, page.location!, checks))
      t.match(error, { name: 'AuthorizationResponseError', error: 'consent_required' })
    })
  })

  t.test('prompt=login: the sign-in page although signed in, and a new sign-in in the same session', async (t) => {
    const browser = new Browser()
    const first = await signIn(rp, browser, user)
    const { page, checks } = await open(rp, browser, { prompt: 'login' })
    t.ok(showsSignIn(page), 'the sign-in page is shown')
    const tokens = await oidc.authorizationCodeGrant(rp.config, await continueFrom(browser, page, user), checks)
    const claims = tokens.claims()!
    t.equal(claims.sub, user.id)
    t.equal(claims.sid, first.claims()!.sid, 'the same user signing in again keeps the session and its sid')
    t.ok(claims.auth_time! >= first.claims()!.auth_time!)
  })

  t.test('prompt=consent: the consent page again for what was consented to', async (t) => {
    const browser = new Browser()
    await signIn(rp, browser, user)
    const remembered = await open(rp, browser, {})
    t.equal(destination(remembered.page.location), REDIRECT_URI, 'without prompt=consent the consent is remembered')

    const { page, checks } = await open(rp, browser, { prompt: 'consent' })
    t.ok(asksConsent(page), 'the consent page is shown')
    t.notOk(showsSignIn(page))
    const tokens = await oidc.authorizationCodeGrant(rp.config, await continueFrom(browser, page, user), checks)
    t.equal(tokens.claims()!.sub, user.id)
  })

  t.test('prompt="login consent": the sign-in page, then the consent page', async (t) => {
    const browser = new Browser()
    await signIn(rp, browser, user)
    const { page, checks } = await open(rp, browser, { prompt: 'login consent' })
    t.ok(showsSignIn(page), 'the sign-in page first')
    const consent = await browser.follow(await submitSignIn(browser, page, user))
    t.ok(asksConsent(consent), 'then the consent page')
    const tokens = await oidc.authorizationCodeGrant(rp.config, await continueFrom(browser, consent, user), checks)
    t.equal(tokens.claims()!.sub, user.id)
  })

  t.test('max_age: a session older than it signs in again, and openid-client\'s max_age check passes', async (t) => {
    const browser = new Browser()
    const first = await signIn(rp, browser, user)
    const young = await open(rp, browser, { max_age: '3600' })
    t.equal(destination(young.page.location), REDIRECT_URI, 'a session younger than max_age answers at once')

    await sleep(1100)
    const silent = await open(rp, browser, { max_age: '1', prompt: 'none' })
    const error = await rejection(oidc.authorizationCodeGrant(rp.config, silent.page.location!, silent.checks))
    t.match(error, { error: 'login_required' }, 'with prompt=none, a session too old is no session')

    const { page, checks } = await open(rp, browser, { max_age: '1' })
    t.ok(showsSignIn(page), 'the sign-in page is shown')
    const tokens = await oidc.authorizationCodeGrant(rp.config, await continueFrom(browser, page, user), { ...checks, maxAge: 1 })
    t.ok(tokens.claims()!.auth_time! > first.claims()!.auth_time!, 'auth_time is the new sign-in\'s')
  })
})
