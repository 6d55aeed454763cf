// response_mode=form_post (OAuth 2.0 Form Post Response Mode) with openid-client receiving the POST: the page's form
// carries code, state and iss to the redirect URI, its one script is allowed by hash alone, a hostile state is
// escaped in the page and arrives exactly, and errors travel the same way.
import { createHash } from 'node:crypto'
import t from 'tap'
import { Browser, hiddenFields, throughPages, type Page } from './browser.js'
import { oidc, open, REDIRECT_URI, rejection, relyingParty, type Checks } from './openid.js'
import { signUp, startSystem } from './system.js'

/** The POST the browser makes when the page's form is submitted, by its script or its button. */
function submitted (page: Page): Request {
  const action = /<form method="post" action="([^"]+)">/.exec(page.body)?.[1]
  if (action === undefined) throw new Error(`no form on the page: ${page.status} ${page.body}`)
  return new Request(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(hiddenFields(page.body))
  })
}

t.test('form_post answers are pages that post to the redirect URI, which openid-client completes', async (t) => {
  const system = await startSystem(t)
  const rp = await relyingParty(system)
  const user = await signUp(system)
  const browser = new Browser()

  /** Signs in (first time) or goes straight to the answer, and returns the form_post page. */
  const answerPage = async (parameters: Record<string, string>): Promise<{ page: Page, checks: Checks }> => {
    const { page, checks } = await open(rp, browser, { response_mode: 'form_post', ...parameters })
    return { page: await throughPages(browser, page, user), checks }
  }

  t.test('the page posts code, state and iss to the redirect URI, and the grant completes', async (t) => {
    const { page, checks } = await answerPage({})
    t.equal(page.status, 200)
    t.match(page.headers.get('content-type'), /^text\/html/)
    t.equal(page.headers.get('cache-control'), 'no-store', 'the code is not kept in any cache')
    const post = submitted(page)
    t.equal(post.url, REDIRECT_URI)
    const fields = hiddenFields(page.body)
    t.same(Object.keys(fields).sort(), ['code', 'iss', 'state'])
    t.equal(fields.state, checks.expectedState)
    t.equal(fields.iss, system.auth)

    const tokens = await oidc.authorizationCodeGrant(rp.config, post, checks)
    t.match(tokens.claims(), { sub: user.id, nonce: checks.expectedNonce })
  })

  t.test('its one script runs by the hash in its policy; without scripts a button posts the form', async (t) => {
    const { page } = await answerPage({})
    const scripts = [...page.body.matchAll(/<script>([^<]*)<\/script>/g)].map(([, source]) => source!)
    t.equal(scripts.length, 1)
    const hash = `'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`
    const policy = page.headers.get('content-security-policy') ?? ''
    t.match(policy, new RegExp(`script-src ${hash}(;|$)`), 'script-src allows that script and nothing else')
    t.notMatch(policy, /unsafe-inline|unsafe-eval/)
    t.match(policy, /frame-ancestors 'none'/)
    t.match(page.body, /<noscript>[^]*<button type="submit">[^]*<\/noscript>/)
  })

  t.test('a hostile state is escaped in the page and comes back exactly', async (t) => {
    const hostile = '"><script>alert(1)</script>'
    const { page, checks } = await answerPage({ state: hostile })
    t.equal(page.status, 200)
    t.notOk(page.body.includes('<script>alert(1)'), 'no markup of the state reaches the page')
    t.equal(hiddenFields(page.body).state, hostile)
    const tokens = await oidc.authorizationCodeGrant(rp.config, submitted(page), { ...checks, expectedState: hostile })
    t.equal(tokens.claims()!.sub, user.id)
  })

  t.test('errors are posted the same way: prompt=none signed out, or a request that fails a check', async (t) => {
    const { page, checks } = await open(rp, new Browser(), { response_mode: 'form_post', prompt: 'none' })
    t.equal(page.status, 200, 'a page that posts the error, not a redirect')
    t.same(Object.keys(hiddenFields(page.body)).sort(), ['error', 'error_description', 'iss', 'state'])
    const error = await rejection(oidc.authorizationCodeGrant(rp.config, submitted(page), checks))
    t.match(error, { name: 'AuthorizationResponseError', error: 'login_required' })

    const refused = await open(rp, browser, { response_mode: 'form_post', max_age: 'soon' })
    t.equal(refused.page.status, 200, 'so is a request that fails its checks')
    t.match(await rejection(oidc.authorizationCodeGrant(rp.config, submitted(refused.page), refused.checks)), { error: 'invalid_request' })
  })

})
