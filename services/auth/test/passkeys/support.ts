// What the passkey tests share: a service whose pages are at http://localhost:4000 (the relying party), an account
// holder who added a passkey from their software authenticator, and a passwordless sign-in with it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { Browser } from '../browser.js'
import { build } from '../helper.js'
import { holder, signedIn, type Holder } from '../account/support.js'
import { ceremonyOptions, formFields, SoftwareAuthenticator, type CeremonyOptions } from './authenticator.js'

export const ORIGIN = 'http://localhost:4000'
export const RP_ID = 'localhost'

export const buildForPasskeys = (t: Test, env: Record<string, string> = {}): Promise<FastifyInstance> => build(t, { ISSUER: ORIGIN, ...env })

export const authenticator = (): SoftwareAuthenticator => new SoftwareAuthenticator({ origin: ORIGIN, rpId: RP_ID })

/** Posts the passkeys page's add form with what `answer` makes of its options. */
export async function addPasskey (browser: Browser, answer: (options: CeremonyOptions) => string, name = 'Laptop'): Promise<LightMyRequestResponse> {
  const page = await browser.get('/account/passkeys')
  return browser.post('/account/passkeys', { ...formFields(page.body, '/account/passkeys'), name, credential: answer(ceremonyOptions(page.body)) })
}

/** A holder signed in with their password in `browser`, who added a passkey of `device`. */
export async function holderWithPasskey (app: FastifyInstance, device = authenticator()): Promise<{ user: Holder, browser: Browser, device: SoftwareAuthenticator }> {
  const user = await holder(app)
  const browser = await signedIn(app, user)
  const added = await addPasskey(browser, (options) => device.register(options))
  if (added.statusCode !== 303) throw new Error(`adding a passkey failed: ${added.statusCode} ${added.body}`)
  return { user, browser, device }
}

/** Opens /login/passkey (`query` added) in `browser` and answers its challenge with `answer`. */
export async function passkeySignIn (
  browser: Browser, answer: (options: { challenge: string, rpId?: string }) => string, query = ''
): Promise<LightMyRequestResponse> {
  const page = await browser.get(`/login/passkey${query}`)
  return browser.post('/login/passkey', { ...formFields(page.body, '/login/passkey'), credential: answer(ceremonyOptions(page.body)) })
}
