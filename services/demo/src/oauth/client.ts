// The demo's side of OAuth 2: the authorization request it sends browsers with, and its confidential
// calls to the token and revocation endpoints (client_secret_basic, RFC 6749 §2.3.1).
import { TokenResponse, OAuthErrorBody } from '@keyhold/contracts'
import { basicAuthorization } from '@keyhold/service-kit/basic-auth'
import { Value } from 'typebox/value'
import type { DemoConfig } from '../config.js'
import type { Http } from '../http.js'
import type { Tokens } from '../session/store.js'

/** The token endpoint said no (RFC 6749 §5.2), or did not answer as the protocol says it must. */
export class TokenEndpointError extends Error {
  override name = 'TokenEndpointError'
  constructor (readonly status: number, readonly error: string, readonly description?: string) {
    super(`token endpoint answered ${status} ${error}${description ? `: ${description}` : ''}`)
  }
}

export class OAuthClient {
  readonly redirectUri: string
  readonly #authorization: string

  constructor (private readonly config: DemoConfig, private readonly http: Http, private readonly now: () => number = Date.now) {
    this.redirectUri = `${config.publicUrl}/callback`
    this.#authorization = basicAuthorization(config.clientId, config.clientSecret)
  }

  authorizationUrl ({ state, codeChallenge }: { state: string, codeChallenge: string }): string {
    const url = new URL(`${this.config.issuer}/authorize`)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.redirectUri,
      scope: this.config.scope,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256'
    }).toString()
    return url.toString()
  }

  exchangeCode (code: string, codeVerifier: string): Promise<Tokens> {
    return this.#token({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri, code_verifier: codeVerifier })
  }

  /** With rotation the answer carries a new refresh token; without one the old one stays valid (RFC 6749 §6). */
  async refresh (refreshToken: string): Promise<Tokens> {
    const tokens = await this.#token({ grant_type: 'refresh_token', refresh_token: refreshToken })
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken }
  }

  /** RFC 7009: the server answers 200 whatever the token; anything else is reported, not retried. */
  async revoke (token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
    const response = await this.#post('/revoke', { token, token_type_hint: hint })
    if (response.status !== 200) throw errorFrom(response.status, response.json)
  }

  async #token (params: Record<string, string>): Promise<Tokens> {
    const response = await this.#post('/token', params)
    if (response.status !== 200) throw errorFrom(response.status, response.json)
    if (!Value.Check(TokenResponse, response.json)) {
      throw new TokenEndpointError(response.status, 'invalid_response', 'the token response is not an RFC 6749 §5.1 response')
    }
    const body = response.json
    return {
      accessToken: body.access_token,
      ...(body.refresh_token !== undefined && { refreshToken: body.refresh_token }),
      expiresAt: this.now() + body.expires_in * 1000,
      ...(body.scope !== undefined && { scope: body.scope })
    }
  }

  #post (path: string, params: Record<string, string>) {
    return this.http.send(`${this.config.authInternalUrl}${path}`, {
      method: 'POST',
      headers: { authorization: this.#authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString()
    })
  }
}

function errorFrom (status: number, body: unknown): TokenEndpointError {
  return Value.Check(OAuthErrorBody, body)
    ? new TokenEndpointError(status, body.error, body.error_description)
    : new TokenEndpointError(status, 'invalid_response', 'the error response is not an RFC 6749 §5.2 response')
}
