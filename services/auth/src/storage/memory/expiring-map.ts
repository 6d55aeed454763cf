// Maps whose entries each carry a TTL, the in-process stand-in for Redis keys that expire.
// Reads never see an expired entry; an unref'd sweep frees those nobody reads again. Each map holds at most
// its capacity: a full map refuses new keys (StoreFullError) rather than evicting live ones, so a flood of one
// kind of entry (pending requests, failure counts) never pushes out another (sessions, grants, tokens), and
// an attacker cannot wipe a throttle's count by crowding it out.

interface Entry<V> {
  value: V
  expiresAt: number
}

const SWEEP_INTERVAL_MS = 60_000
/** Entries per map unless the keyspace is given another capacity. */
export const DEFAULT_CAPACITY = 100_000
// A full map frees expired entries before refusing, but at most this often: a flood must not buy a scan per request.
const FULL_SWEEP_INTERVAL_MS = 1000

/** A store in memory is full of live entries: the caller should answer 503 and let the client retry later. */
export class StoreFullError extends Error {
  override name = 'StoreFullError'
  constructor () {
    super('an in-memory store is full')
  }
}

export class ExpiringMap<V> {
  readonly #entries = new Map<string, Entry<V>>()
  #lastFullSweep = 0

  constructor (readonly capacity = DEFAULT_CAPACITY) {}

  get size (): number {
    return this.#entries.size
  }

  get (key: string): V | undefined {
    return this.#live(key)?.value
  }

  has (key: string): boolean {
    return this.#live(key) !== undefined
  }

  /** Stores `value` for `ttlSeconds`, replacing any earlier entry and its expiry. */
  set (key: string, value: V, ttlSeconds: number): void {
    if (!this.#entries.has(key)) this.#makeRoom()
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 })
  }

  #makeRoom (): void {
    if (this.#entries.size < this.capacity) return
    const now = Date.now()
    if (now - this.#lastFullSweep >= FULL_SWEEP_INTERVAL_MS) {
      this.#lastFullSweep = now
      this.sweep()
    }
    if (this.#entries.size >= this.capacity) throw new StoreFullError()
  }

  /** The live entry's value, or a new one from `create` that expires in `ttlSeconds`. */
  upsert (key: string, create: () => V, ttlSeconds: number): V {
    const live = this.#live(key)
    if (live) return live.value
    const value = create()
    this.set(key, value, ttlSeconds)
    return value
  }

  /** Makes a live entry last at least `ttlSeconds` from now; a later expiry is kept. */
  extend (key: string, ttlSeconds: number): void {
    const live = this.#live(key)
    if (live) live.expiresAt = Math.max(live.expiresAt, Date.now() + ttlSeconds * 1000)
  }

  /** Milliseconds until the live entry expires, or undefined when there is none. */
  expiresIn (key: string): number | undefined {
    const live = this.#live(key)
    return live && live.expiresAt - Date.now()
  }

  /** Removes the entry; true when a live one was there. */
  delete (key: string): boolean {
    const live = this.#live(key) !== undefined
    this.#entries.delete(key)
    return live
  }

  /** Removes the entry and returns its value, if it was live. */
  take (key: string): V | undefined {
    const value = this.get(key)
    this.#entries.delete(key)
    return value
  }

  /** Every live entry, as Redis's SCAN would find them. */
  * entries (): IterableIterator<[string, V]> {
    const now = Date.now()
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) yield [key, entry.value]
    }
  }

  clear (): void {
    this.#entries.clear()
  }

  /** Frees every expired entry. */
  sweep (): void {
    const now = Date.now()
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key)
    }
  }

  #live (key: string): Entry<V> | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt > Date.now()) return entry
    this.#entries.delete(key)
    return undefined
  }
}

/** Adds `member` to the set under `key`, which then lives at least `ttlSeconds` more: Redis's SADD and extend. */
export function addToSet (sets: ExpiringMap<Set<string>>, key: string, member: string, ttlSeconds: number): void {
  sets.upsert(key, () => new Set(), ttlSeconds).add(member)
  sets.extend(key, ttlSeconds)
}

/** The maps of one set of stores, swept together and released together: what a Redis connection is to the Redis stores. */
export interface Keyspace {
  /** A new map of at most `capacity` entries (by default the keyspace's). */
  map<V> (capacity?: number): ExpiringMap<V>
  close (): void
}

export function memoryKeyspace (sweepIntervalMs = SWEEP_INTERVAL_MS, capacity = DEFAULT_CAPACITY): Keyspace {
  const maps: ExpiringMap<unknown>[] = []
  const timer = setInterval(() => { for (const map of maps) map.sweep() }, sweepIntervalMs).unref()
  return {
    map<V> (mapCapacity = capacity) {
      const map = new ExpiringMap<V>(mapCapacity)
      maps.push(map as ExpiringMap<unknown>)
      return map
    },
    close () {
      clearInterval(timer)
      for (const map of maps) map.clear()
    }
  }
}
