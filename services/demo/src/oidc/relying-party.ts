// The demo as an OpenID Connect relying party, on openid-client: discovery, the authorization request, the code
// exchange and its id_token checks, userinfo, refresh, revocation and the end-session URL. Confidential, with
// client_secret_basic (RFC 6749 §2.3.1); every call goes through the demo's own HTTP pool.
import * as client from 'openid-client'
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose'
import { isLocalHttpIssuer, type DemoConfig } from '../config.js'
import type { Http } from '../http.js'
import type { Identity, PendingAuthorization, Tokens } from '../session/store.js'
import { atHashMatches } from './at-hash.js'
import { fromLibrary, IdentityServiceError } from './errors.js'

interface Discovered {
  configuration: client.Configuration
  /** The issuer's published keys, for the tokens that reach the demo other than from the token endpoint (logout tokens). */
  keys: JWTVerifyGetKey
}

export class RelyingParty {
  readonly redirectUri: string
  #discovered: Promise<Discovered> | undefined

  constructor (private readonly config: DemoConfig, private readonly http: Http, private readonly now: () => number = Date.now) {
    this.redirectUri = `${config.publicUrl}/callback`
  }

  /**
   * Requests to the issuer go to AUTH_INTERNAL_URL when it is set: the issuer in every URL and token stays the one
   * browsers see, and discovery still checks that the document names it.
   */
  readonly #fetch: client.CustomFetch = (url, options) => {
    const { issuer, authInternalUrl } = this.config
    const target = url.startsWith(`${issuer}/`) ? `${authInternalUrl}${url.slice(issuer.length)}` : url
    return this.http.fetch(target, options)
  }

  /** Discovered on first use, so that the demo starts while the identity service does; a failure is retried next time. */
  discover (): Promise<Discovered> {
    this.#discovered ??= this.#discover().catch((error: unknown) => {
      this.#discovered = undefined
      throw error
    })
    return this.#discovered
  }

  async #discover (): Promise<Discovered> {
    const { issuer, clientId, clientSecret, idTokenAlg, httpTimeoutMs } = this.config
    const configuration = await this.#call(() => client.discovery(new URL(issuer), clientId, {
      client_secret: clientSecret,
      id_token_signed_response_alg: idTokenAlg
    }, client.ClientSecretBasic(clientSecret), {
      [client.customFetch]: this.#fetch,
      timeout: Math.ceil((2 * httpTimeoutMs) / 1000),
      // openid-client speaks only https. A plain-http issuer is accepted by the configuration only on this machine
      // (a development setup, where nothing crosses a network), and only then is http allowed here.
      execute: isLocalHttpIssuer(issuer) ? [client.allowInsecureRequests] : []
    }))
    // Checks each id_token's signature against the issuer's keys, not only its claims: the library trusts TLS alone
    // otherwise (Core §3.1.3.7 allows that), and the demo's issuer may be plain http on loopback.
    client.enableNonRepudiationChecks(configuration)
    const jwksUri = configuration.serverMetadata().jwks_uri
    if (jwksUri === undefined) throw new IdentityServiceError('invalid_response', undefined, 'the discovery document names no jwks_uri')
    const keys = createRemoteJWKSet(new URL(jwksUri), {
      [customFetch]: (url, { headers, ...options }) => this.#fetch(url, { ...options, headers: Object.fromEntries(headers), body: undefined }),
      timeoutDuration: 2 * httpTimeoutMs
    })
    return { configuration, keys }
  }

  /** The authorization request (code flow, PKCE S256, state and nonce), and what the callback must match. */
  async startSignIn (): Promise<{ url: string, pending: PendingAuthorization }> {
    const { configuration } = await this.discover()
    const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() }
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256'
    })
    return { url: url.href, pending }
  }

  /**
   * Redeems the code of the authorization response `query` (the callback's query string). openid-client checks the
   * response (iss, state) and the id_token (signature, iss, aud, exp, iat, nonce); at_hash is checked here.
   */
  async completeSignIn (query: string, pending: PendingAuthorization): Promise<{ tokens: Tokens, identity: Identity }> {
    const { configuration } = await this.discover()
    const callback = new URL(this.redirectUri)
    callback.search = query
    const response = await this.#call(() => client.authorizationCodeGrant(configuration, callback, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true
    }))
    const claims = response.claims()!
    if (!atHashMatches(response.id_token!, claims.at_hash, response.access_token)) {
      throw new IdentityServiceError('invalid_response', undefined, 'the id_token\'s at_hash does not match the access token')
    }
    return {
      tokens: this.#tokens(response, response.id_token),
      identity: { sub: claims.sub, ...(typeof claims.sid === 'string' && { sid: claims.sid }) }
    }
  }

  /** The user's claims from userinfo (Core §5.3), for the access token of user `sub` (the library checks it is theirs). */
  async userinfo (accessToken: string, sub: string): Promise<Pick<Identity, 'name' | 'email' | 'emailVerified'>> {
    const { configuration } = await this.discover()
    const claims = await this.#call(() => client.fetchUserInfo(configuration, accessToken, sub))
    return {
      ...(typeof claims.name === 'string' && { name: claims.name }),
      ...(typeof claims.email === 'string' && { email: claims.email }),
      ...(typeof claims.email_verified === 'boolean' && { emailVerified: claims.email_verified })
    }
  }

  /**
   * With rotation the answer carries a new refresh token; without one the old one stays valid (RFC 6749 §6). An
   * id_token in the answer must be the same user's (Core §12.2), and becomes the one sent at sign-out.
   */
  async refresh (stale: Tokens, sub: string | undefined): Promise<Tokens> {
    const { configuration } = await this.discover()
    const response = await this.#call(() => client.refreshTokenGrant(configuration, stale.refreshToken!))
    if (response.id_token !== undefined && response.claims()?.sub !== sub) {
      throw new IdentityServiceError('invalid_response', undefined, 'the refreshed id_token names another user')
    }
    const tokens = this.#tokens(response, response.id_token ?? stale.idToken)
    return { ...tokens, refreshToken: tokens.refreshToken ?? stale.refreshToken }
  }

  /** RFC 7009, where discovery names a revocation endpoint; false when there is none. */
  async revoke (token: string, hint: 'access_token' | 'refresh_token'): Promise<boolean> {
    const { configuration } = await this.discover()
    if (configuration.serverMetadata().revocation_endpoint === undefined) return false
    await this.#call(() => client.tokenRevocation(configuration, token, { token_type_hint: hint }))
    return true
  }

  /**
   * Where to send the browser to sign out at the identity service too (RP-Initiated Logout §2), coming back to the
   * demo's start page with `state`; undefined when discovery names no end_session_endpoint.
   */
  async endSessionUrl (idToken: string, state: string): Promise<string | undefined> {
    const { configuration } = await this.discover()
    if (configuration.serverMetadata().end_session_endpoint === undefined) return undefined
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.config.postLogoutRedirectUri,
      state
    }).href
  }

  #tokens (response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, idToken: string | undefined): Tokens {
    const expiresIn = response.expiresIn()
    return {
      accessToken: response.access_token,
      ...(response.refresh_token !== undefined && { refreshToken: response.refresh_token }),
      ...(idToken !== undefined && { idToken }),
      // Without expires_in the token is used until the resource service rejects it, then refreshed.
      expiresAt: expiresIn === undefined ? Number.POSITIVE_INFINITY : this.now() + expiresIn * 1000,
      ...(response.scope !== undefined && { scope: response.scope })
    }
  }

  async #call<T> (operation: () => Promise<T>): Promise<T> {
    try {
      return await operation()
    } catch (error) {
      throw fromLibrary(error, new URL(this.config.authInternalUrl).origin)
    }
  }
}
