// Keeps a session's access token usable: refreshes it shortly before it expires or when the resource
// service rejects it, one refresh at a time per session, storing the rotated refresh token.
import type { Session, Tokens } from '../session/store.js'
import { ResourceError } from '../resource/client.js'
import { IdentityServiceError } from './errors.js'
import type { RelyingParty } from './relying-party.js'

/** Refresh this long before the stated expiry, so a token does not lapse in flight. */
export const EXPIRY_MARGIN_MS = 30_000

/** The session has no usable grant any more: the user has to sign in again. */
export class SignInRequired extends Error {
  override name = 'SignInRequired'
}

export class TokenKeeper {
  constructor (private readonly relyingParty: RelyingParty, private readonly now: () => number = Date.now) {}

  /** Runs `call` with a fresh access token, and once more with a refreshed one if the token is rejected. */
  async use<T> (session: Session, call: (accessToken: string) => Promise<T>): Promise<T> {
    let tokens = session.tokens
    if (!tokens) throw new SignInRequired('not signed in')
    if (this.#expiring(tokens)) tokens = await this.refresh(session, tokens)
    try {
      return await call(tokens.accessToken)
    } catch (error) {
      if (!(error instanceof ResourceError && error.tokenRejected)) throw error
      return await call((await this.refresh(session, tokens)).accessToken)
    }
  }

  /**
   * Parallel requests of one session share a single refresh: with rotation, a second request
   * presenting the same refresh token would be taken for a replay and end the whole grant.
   */
  refresh (session: Session, stale: Tokens): Promise<Tokens> {
    const current = session.tokens
    if (current && current !== stale && !this.#expiring(current)) return Promise.resolve(current)
    session.refreshing ??= this.#refresh(session).finally(() => { session.refreshing = undefined })
    return session.refreshing
  }

  async #refresh (session: Session): Promise<Tokens> {
    const tokens = session.tokens
    if (!tokens?.refreshToken) {
      session.tokens = undefined
      throw new SignInRequired('the access token expired and there is no refresh token')
    }
    try {
      session.tokens = await this.relyingParty.refresh(tokens, session.identity?.sub)
      return session.tokens
    } catch (error) {
      if (error instanceof IdentityServiceError && error.error === 'invalid_grant') {
        session.tokens = undefined
        throw new SignInRequired(`the refresh was refused: ${error.error}`)
      }
      throw error
    }
  }

  #expiring (tokens: Tokens): boolean {
    return tokens.expiresAt - EXPIRY_MARGIN_MS <= this.now()
  }
}
