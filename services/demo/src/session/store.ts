// Browser sessions held in process memory: bounded in count and idle time, so a flood of visitors
// evicts the oldest sessions rather than growing the heap. A demo runs as one process; a deployed
// client would keep these in a shared store.
import { randomBytes } from 'node:crypto'

export interface Tokens {
  accessToken: string
  refreshToken?: string
  /** Epoch milliseconds after which the access token is treated as expired. */
  expiresAt: number
  scope?: string
}

/** An authorization request in flight: what the callback must match and prove. */
export interface PendingAuthorization {
  state: string
  codeVerifier: string
}

export interface Session {
  readonly id: string
  readonly csrfToken: string
  pending?: PendingAuthorization
  tokens?: Tokens
  /** A one-time notice shown on the next page. */
  notice?: string
  /** Set while a refresh is under way, so that parallel requests share it instead of racing the rotation. */
  refreshing?: Promise<Tokens>
}

interface Entry { session: Session, lastSeen: number }

export const randomId = (bytes = 32): string => randomBytes(bytes).toString('base64url')

export class SessionStore {
  readonly #entries = new Map<string, Entry>()

  constructor (
    private readonly max: number,
    private readonly idleTtlMs: number,
    private readonly now: () => number = Date.now
  ) {}

  get size (): number {
    return this.#entries.size
  }

  create (): Session {
    this.#sweep()
    while (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!)
    const session: Session = { id: randomId(), csrfToken: randomId() }
    this.#entries.set(session.id, { session, lastSeen: this.now() })
    return session
  }

  /** The live session with this id; reading it counts as activity. */
  get (id: string): Session | undefined {
    const entry = this.#entries.get(id)
    if (!entry) return undefined
    this.#entries.delete(id)
    if (this.now() - entry.lastSeen > this.idleTtlMs) return undefined
    entry.lastSeen = this.now()
    this.#entries.set(id, entry)
    return entry.session
  }

  /** A new id and CSRF token for the same state: called when a user signs in (no session fixation). */
  renew (session: Session): Session {
    this.#entries.delete(session.id)
    const { id: _id, csrfToken: _csrf, ...rest } = session
    const renewed: Session = { ...rest, id: randomId(), csrfToken: randomId() }
    this.#entries.set(renewed.id, { session: renewed, lastSeen: this.now() })
    return renewed
  }

  destroy (id: string): void {
    this.#entries.delete(id)
  }

  /** Entries are kept in order of last activity, so expired ones sit at the front. */
  #sweep (): void {
    for (const [id, entry] of this.#entries) {
      if (this.now() - entry.lastSeen <= this.idleTtlMs) return
      this.#entries.delete(id)
    }
  }
}
