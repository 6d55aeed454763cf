// The API registry behind a short-lived in-process cache: every token request looks its APIs up, and the APIs are few,
// so all of them are loaded at once. Changes made through this process apply at once; changes made by another
// instance within API_CACHE_MS.
import type { ApiConflict, ApiStore, StoredApi } from '../storage/types.js'
import type { Api, ApiFields } from './api.js'
import { IDENTITY_API_ID, identityApi } from './built-in.js'
import { catalogueOf, type ApiCatalogue } from './catalogue.js'

export const API_CACHE_MS = 5_000

export interface ApiRegistry {
  /** Every API as this instance knows it now, the identity service's own among them. */
  current (): Promise<ApiCatalogue>
  find (identifier: string): Promise<Api | undefined>
  ownerOf (scope: string): Promise<Api | undefined>
  create (id: string, fields: ApiFields): Promise<Api | ApiConflict>
  replace (id: string, fields: ApiFields): Promise<Api | ApiConflict | 'scope_in_use' | undefined>
  /** The one change the identity service's own API takes. */
  setIntrospectors (id: string, clientIds: readonly string[]): Promise<boolean | 'unknown_client'>
  delete (id: string): Promise<'deleted' | 'in_use' | 'unknown'>
}

export interface RegistrySettings {
  issuer: string
  /** The lifetime of tokens for an API that sets none (ACCESS_TOKEN_TTL). */
  accessTokenTtl: number
}

export function apiRegistry (store: ApiStore, { issuer, accessTokenTtl }: RegistrySettings, ttlMs = API_CACHE_MS): ApiRegistry {
  const toApi = (stored: StoredApi): Api => stored.id === IDENTITY_API_ID
    ? identityApi(issuer, accessTokenTtl, stored.introspectors)
    : {
        id: stored.id,
        identifier: stored.identifier!,
        name: stored.name,
        scopes: stored.scopes,
        accessTokenTtl: stored.accessTokenTtl ?? accessTokenTtl,
        introspectors: stored.introspectors,
        builtIn: false
      }

  let cached: { catalogue: Promise<ApiCatalogue>, expires: number } | undefined
  // Bumped by every change, so that a load which started before a change is not kept.
  let generation = 0

  async function load (): Promise<ApiCatalogue> {
    const stored = await store.all()
    const identity = stored.find((api) => api.id === IDENTITY_API_ID) ?? { id: IDENTITY_API_ID, identifier: null, name: '', scopes: [], introspectors: [] }
    return catalogueOf([toApi(identity), ...stored.filter((api) => api !== identity).map(toApi)])
  }

  function current (): Promise<ApiCatalogue> {
    if (cached && cached.expires > Date.now()) return cached.catalogue
    const started = generation
    const catalogue = load()
    const entry = { catalogue, expires: Date.now() + ttlMs }
    cached = entry
    // A failed load is not kept; one overtaken by a change is asked again next time.
    catalogue.then(() => { if (started !== generation && cached === entry) cached = undefined }, () => { if (cached === entry) cached = undefined })
    return catalogue
  }

  const changed = async <T>(result: Promise<T>): Promise<T> => {
    generation++
    cached = undefined
    try {
      return await result
    } finally {
      generation++
      cached = undefined
    }
  }
  // A store answers a stored API, or a word for why not (or undefined for an unknown id).
  const asApi = <T extends string | undefined>(result: StoredApi | T): Api | T => typeof result === 'object' ? toApi(result) : result

  return {
    current,
    find: async (identifier) => (await current()).find(identifier),
    ownerOf: async (scope) => (await current()).ownerOf(scope),
    create: async (id, fields) => asApi(await changed(store.create(id, fields))),
    replace: async (id, fields) => asApi(await changed(store.replace(id, fields))),
    setIntrospectors: (id, clientIds) => changed(store.setIntrospectors(id, clientIds)),
    delete: (id) => changed(store.delete(id))
  }
}
