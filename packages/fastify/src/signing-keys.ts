// The identity service's public keys, fetched from its JWKS and kept; a token naming an unknown key fetches them
// again, at most once per interval, so forged key ids cannot flood the identity service.
import { importJWK, type CryptoKey, type JWSHeaderParameters } from 'jose'
import type { JwkSet } from '@keyhold/contracts'

/** The token names a key the identity service does not publish. */
export class UnknownSigningKey extends Error {
  override name = 'UnknownSigningKey'
}

// Keys are also re-read now and then, so a key the identity service withdrew stops verifying.
const MAX_KEY_AGE_MS = 10 * 60 * 1000

export type KeyResolver = (header: JWSHeaderParameters) => Promise<CryptoKey>

export function publishedKeySet (fetchJwks: () => Promise<JwkSet>, refreshIntervalSeconds: number): KeyResolver {
  let keys = new Map<string, CryptoKey>()
  let fetchedAt = Number.NEGATIVE_INFINITY
  let fetching: Promise<void> | undefined

  const refresh = () => {
    fetching ??= (async () => {
      const { keys: published } = await fetchJwks()
      const next = new Map<string, CryptoKey>()
      for (const jwk of published) next.set(jwk.kid, await importJWK(jwk, jwk.alg) as CryptoKey)
      keys = next
      fetchedAt = Date.now()
    })().finally(() => { fetching = undefined })
    return fetching
  }

  return async (header) => {
    if (Date.now() - fetchedAt > MAX_KEY_AGE_MS) await refresh()
    const kid = header.kid
    if (kid === undefined) throw new UnknownSigningKey('the token names no key')
    if (!keys.has(kid) && Date.now() - fetchedAt >= refreshIntervalSeconds * 1000) await refresh()
    const key = keys.get(kid)
    if (!key) throw new UnknownSigningKey('the token names an unknown key')
    return key
  }
}
