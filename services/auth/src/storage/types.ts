// The storage the protocol code needs, declared by it; pg/ and redis/ implement it.
import type { JsonWebKey } from 'node:crypto'
import type { AccessTokenClaims } from '@keyhold/contracts'
import type { Client, ClientFields } from '../clients/client.js'

export interface ClientStore {
  find (id: string): Promise<Client | undefined>
  list (limit: number, after?: string): Promise<Client[]>
  create (id: string, secretHash: string | null, fields: ClientFields): Promise<Client>
  update (id: string, fields: ClientFields): Promise<Client | undefined>
  setSecretHash (id: string, secretHash: string): Promise<boolean>
  delete (id: string): Promise<boolean>
}

export interface SigningKeyRecord {
  kid: string
  alg: 'ES256'
  /** The private key as PKCS#8 PEM; stores keep it encrypted at rest. */
  privateKeyPem: string
  publicJwk: JsonWebKey
  createdAt: Date
  rotatedAt: Date | null
}

export interface SigningKeyStore {
  /** Keys newest first, leaving out those rotated away before `rotatedSince`. */
  published (rotatedSince: Date): Promise<SigningKeyRecord[]>
  /** Adds a key and marks every earlier key as rotated. */
  add (key: Omit<SigningKeyRecord, 'createdAt' | 'rotatedAt'>): Promise<void>
}

export interface AccessTokenStore {
  save (tokenHash: string, claims: AccessTokenClaims, ttlSeconds: number): Promise<void>
  find (tokenHash: string): Promise<AccessTokenClaims | undefined>
  /** Deletes the token's record and announces its jti; false when there was none. */
  revoke (tokenHash: string): Promise<boolean>
}

export interface FailureCounter {
  /** Failures recorded under `key` in its current window, and seconds until the window ends. */
  current (key: string): Promise<{ failures: number, resetsIn: number }>
  record (key: string, windowSeconds: number): Promise<void>
}

export interface Stores {
  clients: ClientStore
  signingKeys: SigningKeyStore
  accessTokens: AccessTokenStore
  failures: FailureCounter
}
