// The public keys a private_key_jwt client signs its assertions with: registered by value, or fetched from its
// jwks_uri and used for a while. A burst of assertions fetches a set once; an assertion naming a key the set lacks
// fetches it again, at most once per interval, so that a client's new key is found without letting forged kids make
// this server hammer the client's host.
import type { ClientJwks } from '@keyhold/contracts'
import { candidateKeys, type CandidateKeys, type JwsHeader, type VerificationKey } from '@keyhold/service-kit/jose'
import type { FastifyBaseLogger } from 'fastify'
import type { Client } from '../clients/client.js'
import { usableFetchedKeys } from '../clients/key-metadata.js'
import type { JsonGetter } from '../delivery/outbound-get.js'

export interface ClientKeys {
  /** The client's keys that may have signed a JWS with `header`: none when no key fits or its keys cannot be had. */
  candidates (client: Client, header: JwsHeader): Promise<VerificationKey[]>
}

export interface ClientKeysOptions {
  get: JsonGetter
  maxAgeMs: number
  refreshIntervalMs: number
  log: FastifyBaseLogger
}

interface FetchedSet {
  keys: CandidateKeys
  fetchedAt: number
  fetching?: Promise<void> | undefined
}

/** Key sets kept by jwks_uri: each client has one, so this bounds the memory a flood of registrations could take. */
const MAX_FETCHED_SETS = 10_000
const NO_KEYS: CandidateKeys = async () => []

function keysOf (document: unknown): CandidateKeys {
  const keys = usableFetchedKeys(document)
  if (keys.length === 0) return NO_KEYS
  try {
    return candidateKeys({ keys })
  } catch {
    return NO_KEYS
  }
}

export function clientKeys ({ get, maxAgeMs, refreshIntervalMs, log }: ClientKeysOptions): ClientKeys {
  const registered = new WeakMap<ClientJwks, CandidateKeys>()
  const fetched = new Map<string, FetchedSet>()

  const registeredKeys = (jwks: ClientJwks): CandidateKeys => {
    let keys = registered.get(jwks)
    if (!keys) registered.set(jwks, keys = candidateKeys(jwks))
    return keys
  }

  // Single-flight: whoever asks while a fetch is under way waits for that one.
  const fetchSet = async (client: Client, uri: string): Promise<FetchedSet> => {
    let set = fetched.get(uri)
    if (!set) {
      if (fetched.size >= MAX_FETCHED_SETS) fetched.delete(fetched.keys().next().value!)
      set = { keys: NO_KEYS, fetchedAt: Number.NEGATIVE_INFINITY }
      fetched.set(uri, set)
    }
    const current = set
    current.fetching ??= (async () => {
      const answer = await get(uri)
      // A set that cannot be had leaves none: the client's assertions fail until a later fetch succeeds.
      if (!answer.ok) log.warn({ clientId: client.id, error: answer.error }, 'the client\'s jwks_uri could not be fetched')
      current.keys = answer.ok ? keysOf(answer.document) : NO_KEYS
      current.fetchedAt = Date.now()
    })().finally(() => { current.fetching = undefined })
    await current.fetching
    return current
  }

  const fetchedKeys = async (client: Client, uri: string, header: JwsHeader): Promise<VerificationKey[]> => {
    let set = fetched.get(uri)
    if (!set || set.fetching || Date.now() - set.fetchedAt >= maxAgeMs) set = await fetchSet(client, uri)
    const keys = await set.keys(header)
    if (keys.length > 0 || Date.now() - set.fetchedAt < refreshIntervalMs) return keys
    return (await fetchSet(client, uri)).keys(header)
  }

  return {
    async candidates (client, header) {
      if (client.jwks !== undefined) return registeredKeys(client.jwks)(header)
      if (client.jwksUri !== undefined) return fetchedKeys(client, client.jwksUri, header)
      return []
    }
  }
}
