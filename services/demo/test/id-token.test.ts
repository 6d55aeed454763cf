// The id_token is checked before anyone is signed in: openid-client refuses one whose signature, issuer, audience,
// expiry, nonce or algorithm is wrong, and the demo one whose at_hash names another access token. Each token here is
// the real identity service's, changed on its way back to the demo, or signed anew with its real key.
import { generateKeyPairSync } from 'node:crypto'
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose'
import t, { type Test } from 'tap'
import { signJwt, type JwtSigner } from '@keyhold/service-kit/jose'
import type { BackChannel } from './helpers/back-channel.js'
import { authorizeAtKeyhold, onDemo } from './helpers/browser.js'
import { setup } from './helpers/demo.js'
import { startKeyhold } from './helpers/keyhold.js'

const keyhold = await startKeyhold(t)
const realKey = await keyhold.app.signing.signer('RS256')

/** Changes each token answer on its way to the demo. */
function tamper (backChannel: BackChannel, change: (answer: Record<string, string>) => Promise<void> | void): void {
  backChannel.handle('/token', async (_request, forward) => {
    const answer = await forward()
    if (answer.status === 200) await change(answer.json as Record<string, string>)
    return answer
  })
}

/** The same claims, changed by `changes`, signed by `signer` (under the id of the key that signed `idToken`, unless told). */
const resigned = (idToken: string, changes: JWTPayload, signer: JwtSigner = realKey, kid = decodeProtectedHeader(idToken).kid!) =>
  signJwt({ ...decodeJwt(idToken), ...changes }, { ...signer, kid }, 'JWT')

/** Signs in with the token answer changed; the page the callback leads to and the start page after it. */
async function signInWith (t: Test, change: (answer: Record<string, string>) => Promise<void> | void, edit?: (url: URL) => void) {
  const { backChannel, user, browser } = await setup(t, keyhold)
  tamper(backChannel, change)
  const callback = await browser.get(onDemo(await authorizeAtKeyhold(browser, user, 'allow', edit)))
  return { callback, home: await browser.get('/') }
}

const refused = (t: Test, { callback, home }: Awaited<ReturnType<typeof signInWith>>) => {
  t.equal(callback.status, 502)
  t.match(callback.body, 'The answer from Keyhold could not be verified')
  t.match(home.body, 'id="sign-in"', 'nobody is signed in')
}

t.test('an id_token signed anew with the identity service\'s key, unchanged, is accepted', async (t) => {
  const { callback, home } = await signInWith(t, async (answer) => { answer.id_token = await resigned(answer.id_token!, {}) })
  t.equal(callback.status, 303)
  t.match(home.body, 'id="identity-name"')
})

t.test('an id_token whose claims were changed after signing is refused (signature)', async (t) => {
  refused(t, await signInWith(t, (answer) => {
    const [header, , signature] = answer.id_token!.split('.')
    const claims = Buffer.from(JSON.stringify({ ...decodeJwt(answer.id_token!), sub: 'someone-else' })).toString('base64url')
    answer.id_token = `${header}.${claims}.${signature}`
  }))
})

t.test('an id_token signed by another key under the identity service\'s key id is refused', async (t) => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  refused(t, await signInWith(t, async (answer) => {
    answer.id_token = await resigned(answer.id_token!, {}, { alg: 'RS256', kid: 'x', key: privateKey })
  }))
})

t.test('an id_token for another client, from another issuer, or expired is refused', async (t) => {
  const now = Math.floor(Date.now() / 1000)
  const changes: Record<string, JWTPayload> = {
    audience: { aud: 'another-client' },
    issuer: { iss: 'https://attacker.example' },
    expiry: { iat: now - 7200, exp: now - 3600 }
  }
  for (const [name, change] of Object.entries(changes)) {
    t.test(name, async (t) => refused(t, await signInWith(t, async (answer) => { answer.id_token = await resigned(answer.id_token!, change) })))
  }
})

t.test('an id_token with another nonce than this browser\'s sign-in sent is refused', async (t) => {
  refused(t, await signInWith(t, () => {}, (url) => url.searchParams.set('nonce', 'a-nonce-this-browser-never-sent-0123456789')))
})

t.test('an id_token whose at_hash names another access token is refused', async (t) => {
  refused(t, await signInWith(t, (answer) => { answer.access_token = `${answer.access_token}x` }))
})

t.test('a token answer without an id_token is refused', async (t) => {
  refused(t, await signInWith(t, (answer) => { delete answer.id_token }))
})

t.test('an id_token signed with another algorithm than the one registered is refused, even by a published key', async (t) => {
  const es256 = await keyhold.app.signing.signer('ES256')
  refused(t, await signInWith(t, async (answer) => { answer.id_token = await resigned(answer.id_token!, {}, es256, es256.kid) }))
})
