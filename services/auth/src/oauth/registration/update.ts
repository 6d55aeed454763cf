// A registered client replacing its own metadata (RFC 7592 §2.2): held to registration's rules, naming itself, never
// choosing its secret nor turning public or confidential; what an administrator decided about it stays.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ClientInformation, ClientUpdate } from '@keyhold/contracts'
import { credentialOf, type Client } from '../../clients/client.js'
import { toClientFields } from '../../clients/metadata.js'
import { toClientInformation } from '../../clients/register.js'
import { InvalidClientMetadata, InvalidRequest } from '../../errors.js'
import { secretGuessLimit } from '../client-authentication.js'
import { countWrongGuess, refuseWhileExhausted } from '../guess-limit.js'
import { invalidRegistrationToken } from './access-token.js'

/** What the server sets and a client may not send back (RFC 7592 §2.2). */
const SERVER_SET = ['registration_access_token', 'registration_client_uri', 'client_secret_expires_at', 'client_id_issued_at'] as const

/** A client_secret sent along must be the client's own; a wrong one is counted as a wrong secret anywhere is. */
async function checkSecret (app: FastifyInstance, request: FastifyRequest, client: Client, secret: string): Promise<void> {
  const mismatch = new InvalidRequest("client_secret is not the client's secret")
  if (client.secretHash === null) throw mismatch
  const limit = secretGuessLimit(app, client.id, request.ip)
  await refuseWhileExhausted(app.stores.failures, limit)
  if (!app.clientSecrets.matches(secret, client.secretHash!)) await countWrongGuess(app.stores.failures, limit, mismatch)
}

/**
 * Replaces the metadata and the registration access token together: the answer carries the new token, and the one
 * presented ends. Of updates racing with one token one wins; the others find it replaced.
 */
export async function updateRegisteredClient (app: FastifyInstance, request: FastifyRequest, body: ClientUpdate): Promise<ClientInformation> {
  const { clientId, tokenHash } = request.registration
  if (body.client_id !== clientId) throw new InvalidRequest('client_id must be the identifier of the client being updated')
  const serverSet = SERVER_SET.find((field) => field in body)
  if (serverSet) throw new InvalidRequest(`${serverSet} is set by the server and must not be sent`)

  const existing = await app.stores.clients.find(clientId)
  if (!existing) throw invalidRegistrationToken()
  if (body.client_secret !== undefined) await checkSecret(app, request, existing, body.client_secret)
  const { client_id: _id, client_secret: _secret, ...metadata } = body
  const fields = toClientFields(metadata, { byAdmin: false })
  if (credentialOf(fields.authMethod) !== credentialOf(existing.authMethod)) {
    throw new InvalidClientMetadata('a client cannot change between a secret, a private key and no credential')
  }

  const next = app.registrationTokens.issue()
  const updated = await app.stores.clients.updateRegistered(clientId, tokenHash, next.hash, {
    ...fields,
    firstParty: existing.firstParty
  })
  if (!updated) throw invalidRegistrationToken()
  return toClientInformation(app, updated, next.secret)
}
