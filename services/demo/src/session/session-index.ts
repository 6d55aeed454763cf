// Session ids by a key they share (a sid, a sub): kept in step with the store, so a key with no session left is gone.
export class SessionIndex {
  readonly #ids = new Map<string, Set<string>>()

  get size (): number {
    return this.#ids.size
  }

  add (key: string | undefined, id: string): void {
    if (key === undefined) return
    const ids = this.#ids.get(key) ?? new Set()
    ids.add(id)
    this.#ids.set(key, ids)
  }

  remove (key: string | undefined, id: string): void {
    if (key === undefined) return
    const ids = this.#ids.get(key)
    if (!ids) return
    ids.delete(id)
    if (ids.size === 0) this.#ids.delete(key)
  }

  /** A copy: the caller may end the sessions as it goes. */
  ids (key: string): string[] {
    return [...this.#ids.get(key) ?? []]
  }
}
