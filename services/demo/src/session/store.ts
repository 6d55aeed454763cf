// Browser sessions held in process memory: bounded in count and idle time, so a flood of visitors
// evicts the oldest sessions of their own kind rather than growing the heap or signing users out. A demo
// runs as one process; a deployed client would keep these in a shared store.
import { randomBytes } from 'node:crypto'
import { SessionIndex } from './session-index.js'

export interface Tokens {
  accessToken: string
  refreshToken?: string
  /** The latest id_token: sent back as `id_token_hint` when the user signs out at the identity service. */
  idToken?: string
  /** Epoch milliseconds after which the access token is treated as expired. */
  expiresAt: number
  scope?: string
}

/** Who signed in, from the id_token and userinfo. */
export interface Identity {
  sub: string
  /** The identity service's session this sign-in belongs to: a back-channel logout names it. */
  sid?: string
  name?: string
  email?: string
  emailVerified?: boolean
}

/** An authorization request in flight: what the callback must match and prove. */
export interface PendingAuthorization {
  state: string
  codeVerifier: string
  nonce: string
}

export interface Session {
  readonly id: string
  readonly csrfToken: string
  pending?: PendingAuthorization
  tokens?: Tokens
  /** Set when the user signs in (renew), which indexes the session by it: never changed afterwards. */
  readonly identity?: Identity
  /** The `state` sent with a sign-out at the identity service, expected back on the return to the start page. */
  signOutState?: string
  /** A one-time notice shown on the next page. */
  notice?: string
  /** Set while a refresh is under way, so that parallel requests share it instead of racing the rotation. */
  refreshing?: Promise<Tokens>
}

interface Entry { session: Session, lastSeen: number }

export const randomId = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/**
 * One bounded pool of sessions in order of last activity: when full, its own least recently used one goes.
 * `removed` hears of every session that leaves, however it leaves.
 */
class Pool {
  readonly entries = new Map<string, Entry>()
  constructor (readonly max: number, readonly idleTtlMs: number, readonly now: () => number, readonly removed: (session: Session) => void = () => {}) {}

  add (session: Session): void {
    this.sweep()
    while (this.entries.size >= this.max) this.delete(this.entries.keys().next().value!)
    this.entries.set(session.id, { session, lastSeen: this.now() })
  }

  get (id: string): Session | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    if (this.now() - entry.lastSeen > this.idleTtlMs) {
      this.delete(id)
      return undefined
    }
    // Moved to the end: the map's order is the order of last activity.
    this.entries.delete(id)
    entry.lastSeen = this.now()
    this.entries.set(id, entry)
    return entry.session
  }

  delete (id: string): void {
    const entry = this.entries.get(id)
    if (!entry) return
    this.entries.delete(id)
    this.removed(entry.session)
  }

  /** Entries are kept in order of last activity, so expired ones sit at the front. */
  sweep (): void {
    for (const [id, entry] of this.entries) {
      if (this.now() - entry.lastSeen <= this.idleTtlMs) return
      this.delete(id)
    }
  }
}

/** A sign-in takes minutes at most: a session nobody signed in to is forgotten sooner than a signed-in one. */
const PENDING_IDLE_TTL_MS = 10 * 60_000

/** What a back-channel logout names: the identity service's session, or the user (OpenID Connect Back-Channel Logout §2.4). */
export interface LogoutSubject { sid?: string, sub?: string }

/**
 * Two pools: sessions anyone can start (a sign-in under way) and sessions a user signed in to. A flood of
 * anonymous visitors pushes out only the oldest of the first; signed-in users leave only by signing out,
 * by going idle, when more users than `max` sign in, or when the identity service ends their session.
 */
export class SessionStore {
  readonly #pending: Pool
  readonly #signedIn: Pool
  /** Signed-in sessions by sid and by sub: entries come and go with the pool's, so they are bounded by `max` too. */
  readonly #bySid = new SessionIndex()
  readonly #bySub = new SessionIndex()

  constructor (max: number, idleTtlMs: number, now: () => number = Date.now, maxPending = max) {
    this.#pending = new Pool(maxPending, Math.min(idleTtlMs, PENDING_IDLE_TTL_MS), now)
    this.#signedIn = new Pool(max, idleTtlMs, now, (session) => {
      this.#bySid.remove(session.identity?.sid, session.id)
      this.#bySub.remove(session.identity?.sub, session.id)
    })
  }

  get size (): number {
    return this.#pending.entries.size + this.#signedIn.entries.size
  }

  /** How many sid and sub index entries there are: never more than twice the signed-in sessions. */
  get indexSize (): number {
    return this.#bySid.size + this.#bySub.size
  }

  /** A session for a visitor who has not signed in. */
  create (): Session {
    const session: Session = { id: randomId(), csrfToken: randomId() }
    this.#pending.add(session)
    return session
  }

  /** The live session with this id; reading it counts as activity. */
  get (id: string): Session | undefined {
    return this.#signedIn.get(id) ?? this.#pending.get(id)
  }

  /**
   * A new id and CSRF token for the same state with `changes` applied, among the signed-in: called when a user
   * signs in (no session fixation), with who they are.
   */
  renew (session: Session, changes: Pick<Session, 'tokens' | 'identity'> = {}): Session {
    this.destroy(session.id)
    const { id: _id, csrfToken: _csrf, ...rest } = session
    const renewed: Session = { ...rest, ...changes, id: randomId(), csrfToken: randomId() }
    this.#signedIn.add(renewed)
    this.#bySid.add(renewed.identity?.sid, renewed.id)
    this.#bySub.add(renewed.identity?.sub, renewed.id)
    return renewed
  }

  destroy (id: string): void {
    this.#pending.delete(id)
    this.#signedIn.delete(id)
  }

  /**
   * Ends the sessions a logout names: those of the identity service's session `sid` (of user `sub` too, when both
   * are given), or with `sub` alone every session of that user. Returns how many ended.
   */
  endSessionsOf ({ sid, sub }: LogoutSubject): number {
    const ids = sid !== undefined ? this.#bySid.ids(sid) : sub !== undefined ? this.#bySub.ids(sub) : []
    let ended = 0
    for (const id of ids) {
      const session = this.#signedIn.entries.get(id)?.session
      if (!session || (sub !== undefined && session.identity?.sub !== sub)) continue
      this.destroy(id)
      ended++
    }
    return ended
  }
}
