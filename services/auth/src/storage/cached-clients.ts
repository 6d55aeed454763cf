// A short-lived in-process cache in front of the client store: the token and introspection endpoints
// look their client up on every request, and a Postgres round trip each time cost more than the rest; CORS
// preflights ask after web origins from anywhere. Changes made through this process apply at once; changes made by
// another instance within CLIENT_CACHE_MS.
import type { Client } from '../clients/client.js'
import type { ClientStore } from './types.js'
import { webOriginCache } from './web-origin-cache.js'

export const CLIENT_CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

function frozen (client: Client): Client {
  for (const value of Object.values(client)) if (Array.isArray(value)) Object.freeze(value)
  return Object.freeze(client)
}

export function cachedClientStore (store: ClientStore, ttlMs = CLIENT_CACHE_MS): ClientStore {
  const cache = new Map<string, { client: Client, expires: number }>()
  const origins = webOriginCache((origin) => store.registersWebOrigin(origin), { ttlMs })
  // Bumped by every change, so that a lookup which started before a change does not cache what it read.
  let generation = 0
  // Any change may add or take away a web origin, so every answer about origins goes, before and after it.
  const changed = <T>(id: string | undefined, result: Promise<T>): Promise<T> => {
    const forget = () => {
      generation++
      if (id !== undefined) cache.delete(id)
      origins.forget()
    }
    forget()
    return result.finally(forget)
  }

  return {
    async find (id) {
      const hit = cache.get(id)
      if (hit && hit.expires > Date.now()) return hit.client
      const started = generation
      const client = await store.find(id)
      if (!client) {
        cache.delete(id)
        return undefined
      }
      if (started === generation) {
        if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!)
        cache.set(id, { client: frozen(client), expires: Date.now() + ttlMs })
      }
      return client
    },
    list: (limit, after) => store.list(limit, after),
    // A new client has nothing cached under its id, but may bring an origin cached as unknown.
    create: (id, secretHash, fields, registrationTokenHash) => changed(undefined, store.create(id, secretHash, fields, registrationTokenHash)),
    update: (id, fields) => changed(id, store.update(id, fields)),
    // Asked only by a client managing its registration, never cached: a token replaced elsewhere is refused at once.
    registrationTokenHash: (id) => store.registrationTokenHash(id),
    updateRegistered: (id, current, next, fields) => changed(id, store.updateRegistered(id, current, next, fields)),
    setSecretHash: (id, secretHash) => changed(id, store.setSecretHash(id, secretHash)),
    delete: (id) => changed(id, store.delete(id)),
    registersWebOrigin: (origin) => origins.registers(origin)
  }
}
