// Authenticates the client calling the token, introspection or revocation endpoint
// (RFC 6749 §2.3: client_secret_basic, client_secret_post, or none for public clients).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isPublic, type Client } from '../clients/client.js'
import { InvalidClient, InvalidRequest } from '../errors.js'
import { recordCaller } from './caller.js'
import { countWrongGuess, refuseWhileExhausted, type GuessLimit } from './guess-limit.js'

interface Presented {
  clientId: string
  secret?: string
  method: 'client_secret_basic' | 'client_secret_post' | 'none'
}

interface ClientParameters { client_id?: string, client_secret?: string }

function fromBasic (header: string): Presented {
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  try {
    if (colon < 1) throw new URIError('no separator')
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
      method: 'client_secret_basic'
    }
  } catch {
    throw new InvalidClient('malformed Basic credentials')
  }
}

export function presentedCredentials (request: FastifyRequest): Presented | undefined {
  const body = (request.body ?? {}) as ClientParameters
  const header = request.headers.authorization
  if (header !== undefined) {
    if (!/^basic /i.test(header)) throw new InvalidClient('client authentication must use the Basic scheme')
    if (body.client_secret !== undefined) throw new InvalidRequest('client credentials given by more than one method')
    const basic = fromBasic(header)
    if (body.client_id !== undefined && body.client_id !== basic.clientId) {
      throw new InvalidRequest('client_id does not match the authenticated client')
    }
    return basic
  }
  if (body.client_id === undefined) return undefined
  if (body.client_secret !== undefined) return { clientId: body.client_id, secret: body.client_secret, method: 'client_secret_post' }
  return { clientId: body.client_id, method: 'none' }
}

export async function authenticateClient (
  app: FastifyInstance,
  request: FastifyRequest,
  { allowPublic }: { allowPublic: boolean }
): Promise<Client> {
  const presented = presentedCredentials(request)
  if (!presented) throw new InvalidClient('client authentication is required')
  // Without a secret there is nothing to guess, so nothing is counted.
  const limit = presented.secret === undefined ? undefined : secretGuessLimit(app, presented.clientId, request.ip)
  if (limit) await refuseWhileExhausted(app.stores.failures, limit)

  const client = await app.stores.clients.find(presented.clientId)
  const failure = problemWith(app, client, presented, allowPublic)
  // A public client is only ever identified (RFC 8252 §8.6), so it is the caller even when refused here: its own
  // pages may read why. A confidential client is the caller only once its secret proves it.
  if (client && (failure === undefined || isPublic(client))) recordCaller(request, client)
  if (failure === undefined) return client!
  if (limit) await countWrongGuess(app.stores.failures, limit, new InvalidClient(failure))
  throw new InvalidClient(failure)
}

export function secretGuessLimit (app: FastifyInstance, clientId: string, address: string): GuessLimit {
  const { maxFailures, failureWindow } = app.config.clientAuth
  return { key: `client:${clientId}:${address}`, max: maxFailures, window: failureWindow }
}

function problemWith (app: FastifyInstance, client: Client | undefined, presented: Presented, allowPublic: boolean): string | undefined {
  if (!client) return 'client authentication failed'
  if (isPublic(client)) {
    if (presented.method !== 'none') return 'client authentication failed'
    return allowPublic ? undefined : 'public clients cannot use this endpoint'
  }
  if (presented.method !== client.authMethod) return `client must authenticate with ${client.authMethod}`
  const matches = presented.secret !== undefined && app.clientSecrets.matches(presented.secret, client.secretHash!)
  return matches ? undefined : 'client authentication failed'
}
