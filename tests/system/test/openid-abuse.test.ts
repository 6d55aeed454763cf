// What an attacker tries against a relying party using openid-client: answering one request with another's code
// (its id_token carries the other nonce, its code the other PKCE challenge), steering a request with a forged or
// foreign id_token_hint, and drawing a page out of prompt=none.
import t from 'tap'
import { generateKeyPair, SignJWT } from 'jose'
import { authorize, Browser } from './browser.js'
import { authorizationRequest, destination, oidc, open, REDIRECT_URI, rejection, relyingParty, signIn } from './openid.js'
import { signUp, startSystem } from './system.js'

const decode = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString())
const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

t.test('a relying party with openid-client cannot be made to accept what another request earned', async (t) => {
  const system = await startSystem(t)
  const rp = await relyingParty(system)
  const [user, victim] = [await signUp(system), await signUp(system)]
  const browser = new Browser()
  const signedIn = await signIn(rp, browser, user)

  t.test('a code from another request: its id_token\'s nonce and its PKCE challenge are that request\'s', async (t) => {
    const first = await authorizationRequest(rp.config)
    const second = await authorizationRequest(rp.config)
    const callback = await authorize(browser, second.url, user)

    const nonce = await rejection(oidc.authorizationCodeGrant(rp.config, callback, { ...second.checks, expectedNonce: first.checks.expectedNonce }))
    t.match(nonce, { code: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED', cause: { cause: { claim: 'nonce' } } }, 'openid-client refuses the other nonce')

    const next = await authorizationRequest(rp.config)
    const nextCallback = await authorize(browser, next.url, user)
    const verifier = await rejection(oidc.authorizationCodeGrant(rp.config, nextCallback, { ...next.checks, pkceCodeVerifier: first.checks.pkceCodeVerifier }))
    t.match(verifier, { name: 'ResponseBodyError', error: 'invalid_grant' }, 'the identity service refuses the other verifier')
    const tokens = await oidc.authorizationCodeGrant(rp.config, nextCallback, next.checks)
    t.equal(tokens.claims()!.nonce, next.checks.expectedNonce, 'a failed verifier does not use the code up for its own request')
  })

  t.test('a forged or foreign id_token_hint: invalid_request at the redirect URI', async (t) => {
    const real = signedIn.id_token!
    const [header, payload, signature] = real.split('.') as [string, string, string]
    const claims = decode(payload)
    const { kid, alg } = decode(header) as { kid: string, alg: string }
    const { privateKey } = await generateKeyPair(alg)
    const signedElsewhere = (issuer: string) => new SignJWT({ ...claims, sub: victim.id })
      .setProtectedHeader({ alg, kid, typ: 'JWT' }).setIssuer(issuer).sign(privateKey)
    const other = await relyingParty(system)
    const otherClients = await signIn(other, new Browser(), user)

    const hints: Record<string, string> = {
      'our token with another sub under its signature': `${header}.${encode({ ...claims, sub: victim.id })}.${signature}`,
      'signed with a fresh key under our kid and issuer': await signedElsewhere(system.auth),
      'signed by another issuer': await signedElsewhere('https://issuer.example'),
      'unsigned (alg none)': `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, sub: victim.id })}.`,
      'issued to another client': otherClients.id_token!,
      'not a JWT at all': 'not-a-jwt'
    }
    for (const [what, hint] of Object.entries(hints)) {
      for (const prompt of [{ prompt: 'none' }, {}] as Array<Record<string, string>>) {
        const { page, checks } = await open(rp, browser, { id_token_hint: hint, ...prompt })
        t.equal(destination(page.location), REDIRECT_URI, `${what}${prompt.prompt === undefined ? '' : ', prompt=none'}: sent back to the client`)
        const error = await rejection(oidc.authorizationCodeGrant(rp.config, page.location!, checks))
        t.match(error, { name: 'AuthorizationResponseError', error: 'invalid_request' }, 'invalid_request')
      }
    }
  })

  t.test('prompt=none never shows a page: every answer is a redirect to the client', async (t) => {
    const forged = `${encode({ alg: 'none' })}.${encode({ sub: victim.id })}.`
    const cases: Array<[string, Browser, Record<string, string>, string]> = [
      ['signed out', new Browser(), {}, 'login_required'],
      ['a scope not consented to', browser, { scope: 'openid profile' }, 'consent_required'],
      ['another user\'s hint', browser, { id_token_hint: (await signIn(rp, new Browser(), victim)).id_token! }, 'login_required'],
      ['a forged hint', browser, { id_token_hint: forged }, 'invalid_request'],
      ['prompt=none with login', browser, { prompt: 'none login' }, 'invalid_request'],
      ['a max_age that is no number', browser, { max_age: 'soon' }, 'invalid_request'],
      ['signed in and consented', browser, {}, '']
    ]
    for (const [what, client, parameters, expected] of cases) {
      const { page, checks } = await open(rp, client, { prompt: 'none', ...parameters })
      t.equal(page.status, 302, `${what}: a redirect`)
      t.notMatch(page.headers.get('content-type') ?? '', /html/, `${what}: no HTML`)
      t.equal(destination(page.location), REDIRECT_URI)
      const outcome = await rejection(oidc.authorizationCodeGrant(rp.config, page.location!, checks))
      t.equal((outcome as { error?: string } | undefined)?.error ?? '', expected, `${what}: ${expected || 'a code'}`)
    }
  })
})
