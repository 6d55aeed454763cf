// The ids of tokens already accepted, each kept while its token could still be accepted, so that a token is used
// once. Bounded: only tokens that passed every other check get here, and when it is full the entry nearest its
// end goes first, since a replay of that token is the one about to be refused anyway.
export class ReplayCache {
  /** id → epoch milliseconds until which it is remembered. Entries are added with about the same lifetime, so in order. */
  readonly #until = new Map<string, number>()

  constructor (private readonly max: number, private readonly now: () => number = Date.now) {}

  get size (): number {
    return this.#until.size
  }

  /** Records `id` until `untilMs`; false when it was already recorded (a replay). */
  use (id: string, untilMs: number): boolean {
    this.#sweep()
    if (this.#until.has(id)) return false
    while (this.#until.size >= this.max) this.#until.delete(this.#until.keys().next().value!)
    this.#until.set(id, untilMs)
    return true
  }

  #sweep (): void {
    const now = this.now()
    for (const [id, until] of this.#until) {
      if (until > now) return
      this.#until.delete(id)
    }
  }
}
