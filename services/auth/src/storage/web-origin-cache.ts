// Answers to "does any client register this web origin", kept briefly in process. Every CORS preflight asks, from
// any page on the web: a flood of them is answered from here, never more than one query per origin per TTL.
import { isWebOrigin } from '../clients/web-origins.js'

export const WEB_ORIGIN_CACHE_ENTRIES = 10_000

export interface WebOriginCache {
  registers (origin: string): Promise<boolean>
  /** Drops every answer: a client was created, changed or deleted, and any origin may have come or gone. */
  forget (): void
  readonly size: number
}

export function webOriginCache (
  lookup: (origin: string) => Promise<boolean>,
  { ttlMs, maxEntries = WEB_ORIGIN_CACHE_ENTRIES }: { ttlMs: number, maxEntries?: number }
): WebOriginCache {
  // The pending answer is what is kept, so concurrent preflights from one origin share one query.
  const answers = new Map<string, { answer: Promise<boolean>, expires: number }>()

  return {
    registers (origin) {
      // No client can have registered what is not an origin (`null`, junk): no query, and no entry to crowd out others.
      if (!isWebOrigin(origin)) return Promise.resolve(false)
      const hit = answers.get(origin)
      if (hit && hit.expires > Date.now()) return hit.answer
      answers.delete(origin)
      // The oldest entry goes first: a flood of unknown origins costs known ones a query, never memory.
      if (answers.size >= maxEntries) answers.delete(answers.keys().next().value!)
      const entry = { answer: lookup(origin), expires: Date.now() + ttlMs }
      answers.set(origin, entry)
      // A failed lookup answers nothing: the next preflight asks again.
      entry.answer.catch(() => { if (answers.get(origin) === entry) answers.delete(origin) })
      return entry.answer
    },
    forget () {
      answers.clear()
    },
    get size () {
      return answers.size
    }
  }
}
