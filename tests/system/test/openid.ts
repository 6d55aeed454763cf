// openid-client (panva's certified relying-party library) set up against a running identity service: the relying
// party the openid-*.test.ts files sign users in with, and the secrets it keeps between redirect and callback.
import * as oidc from 'openid-client'
import type { AdminClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { authorize, type Browser, type Page } from './browser.js'
import type { Account, System } from './system.js'

export { oidc }

/** An https redirect URI: a confidential client answering there is who it says, so the user's consent is remembered. */
export const REDIRECT_URI = 'https://rp.example/callback'
const SCOPES = 'openid profile email offline_access calls'

export interface RelyingParty {
  client: ClientWithSecret
  config: oidc.Configuration
}

/** Registers a client for OpenID Connect sign-ins, and discovers the identity service the way openid-client does. */
export async function relyingParty (system: System, metadata: Partial<AdminClientMetadata> = {}): Promise<RelyingParty> {
  const client = await system.register({
    client_name: 'Relying party', grant_types: ['authorization_code', 'refresh_token'], redirect_uris: [REDIRECT_URI], scope: SCOPES, ...metadata
  })
  return { client, config: await discover(system, client) }
}

/** The library's configuration for `client`; it checks each id_token's alg against the one the client registered. */
function discover (system: System, client: ClientWithSecret): Promise<oidc.Configuration> {
  return oidc.discovery(
    new URL(system.auth),
    client.client_id,
    { id_token_signed_response_alg: client.id_token_signed_response_alg },
    oidc.ClientSecretBasic(client.client_secret!),
    // The issuer is plain http on loopback: allowed here, in tests, and nowhere else.
    { execute: [oidc.allowInsecureRequests] }
  )
}

/** What a relying party keeps between sending the user away and the callback, as openid-client's checks. */
export interface Checks {
  pkceCodeVerifier: string
  expectedState: string
  expectedNonce: string
}

/** An authorization URL with PKCE, state and nonce, and the checks its callback is to pass. */
export async function authorizationRequest (config: oidc.Configuration, parameters: Record<string, string> = {}): Promise<{ url: URL, checks: Checks }> {
  const checks = { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: oidc.randomState(), expectedNonce: oidc.randomNonce() }
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    state: checks.expectedState,
    nonce: checks.expectedNonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.pkceCodeVerifier),
    code_challenge_method: 'S256',
    ...parameters
  })
  return { url, checks }
}

/** Opens an authorization request in `browser`: where it stops (a page, or a redirect away), and the checks to pass. */
export async function open ({ config }: RelyingParty, browser: Browser, parameters: Record<string, string> = {}): Promise<{ page: Page, checks: Checks }> {
  const { url, checks } = await authorizationRequest(config, parameters)
  return { page: await browser.follow(await browser.get(url)), checks }
}

/** Where a redirect goes, without its query: REDIRECT_URI when the identity service answered the client. */
export const destination = (url: URL | undefined): string | undefined => url && `${url.origin}${url.pathname}`

/** The user goes through the pages as asked, and the relying party completes the grant with every check. */
export async function signIn ({ config }: RelyingParty, browser: Browser, user: Account, parameters: Record<string, string> = {}) {
  const { url, checks } = await authorizationRequest(config, parameters)
  return oidc.authorizationCodeGrant(config, await authorize(browser, url, user), checks)
}

/** The error a call of openid-client's rejects with, or undefined when it succeeds. */
export async function rejection (promise: Promise<unknown>): Promise<Error & { error?: string, code?: string } | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    return error as Error
  }
}
