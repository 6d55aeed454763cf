// What the OpenID Connect tests share: id_tokens checked with a JOSE library against the published keys, and the
// clients and sign-ins they start from.
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose'
import type { AdminClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { authorize, Browser, createWebClient, pkce, redeem, REDIRECT_URI, signUp } from '../browser.js'

/** The claims of an id_token that verifies against /jwks.json for `client`, with its header. */
export async function verifiedIdToken (app: FastifyInstance, idToken: string, client: { client_id: string }): Promise<{ payload: JWTPayload, alg: string }> {
  const keys = createLocalJWKSet((await app.inject('/jwks.json')).json())
  const { payload, protectedHeader } = await jwtVerify(idToken, keys, { issuer: app.config.issuer, audience: client.client_id })
  return { payload, alg: protectedHeader.alg }
}

/** at_hash computed as OpenID Connect Core §3.1.3.6 says, independently of the server. */
export const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url')

export const nonce = (): string => randomBytes(16).toString('base64url')

/** A confidential web client registered for OpenID Connect. */
export const createOidcClient = (app: FastifyInstance, metadata: Partial<AdminClientMetadata> = {}): Promise<ClientWithSecret> =>
  createWebClient(app, { scope: 'openid profile email offline_access ships:read', ...metadata })

export interface Signed { browser: Browser, user: { id: string, username: string, password: string } }

/** A user signed up, and a browser of theirs. */
export async function userWithBrowser (app: FastifyInstance): Promise<Signed> {
  return { browser: new Browser(app), user: await signUp(app) }
}

/** A token response with an id_token (and a refresh token, for clients that may refresh). */
export interface OidcTokens { access_token: string, id_token: string, refresh_token: string, scope: string, token_type: string }

export interface CodeFlow { url: URL, code: string, verifier: string, response: LightMyRequestResponse, body: OidcTokens }

/** The code flow through sign-in and consent, then the token response. */
export async function codeFlowTokens (app: FastifyInstance, { browser, user }: Signed, client: ClientWithSecret, extra: Record<string, string> = {}): Promise<CodeFlow> {
  const { verifier, challenge } = pkce()
  const url = await authorize(browser, user, {
    response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT_URI, scope: 'openid ships:read',
    state: 'st', code_challenge: challenge, code_challenge_method: 'S256', ...extra
  })
  const code = url.searchParams.get('code')
  if (code === null) throw new Error(`no code: ${url}`)
  const response = await redeem(app, client, { code, code_verifier: verifier })
  return { url, code, verifier, response, body: response.json() }
}
