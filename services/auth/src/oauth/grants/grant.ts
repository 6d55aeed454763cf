// The shape of a grant type handler (RFC 6749 §4): one file per grant implements it.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { GrantType, TokenRequest, TokenResponse } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'

export interface Grant {
  type: GrantType
  /** Whether a public client (no secret) may use this grant. */
  allowsPublicClients: boolean
  handle (app: FastifyInstance, request: FastifyRequest<{ Body: TokenRequest }>, client: Client): Promise<TokenResponse>
}
