// The shape of a grant type handler (RFC 6749 §4): one file per grant implements it.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { GrantType, TokenRequest, TokenResponse } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'
import type { User } from '../../storage/types.js'

/** Checks a username and password under the sign-in limits; the account layer supplies it. */
export type CheckCredentials = (app: FastifyInstance, username: string, password: string, address: string) => Promise<User | undefined>

/** What the layers above hand the grants. */
export interface GrantContext {
  checkCredentials: CheckCredentials
}

export interface Grant {
  type: GrantType
  /** Whether a public client (no secret) may use this grant. */
  allowsPublicClients: boolean
  handle (app: FastifyInstance, request: FastifyRequest<{ Body: TokenRequest }>, client: Client, context: GrantContext): Promise<TokenResponse>
}
