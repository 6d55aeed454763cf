// Authenticates the client calling the token, introspection, revocation or pushed-request endpoint (RFC 6749 §2.3:
// client_secret_basic, client_secret_post; RFC 7523 §2.2: private_key_jwt; or none for public clients).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { JWT_BEARER_ASSERTION_TYPE, type ClientAssertionParameters, type TokenEndpointAuthMethod } from '@keyhold/contracts'
import { isPublic, type Client } from '../clients/client.js'
import { InvalidClient, InvalidRequest } from '../errors.js'
import { recordCaller } from './caller.js'
import { assertedClientId, assertionProblem } from './client-assertion.js'
import { countWrongGuess, refuseWhileExhausted, type GuessLimit } from './guess-limit.js'

interface Presented {
  clientId: string
  secret?: string
  assertion?: string
  method: TokenEndpointAuthMethod
}

type ClientParameters = { client_id?: string, client_secret?: string } & ClientAssertionParameters

const AUTHENTICATION_FAILED = 'client authentication failed'
const MORE_THAN_ONE_METHOD = 'client credentials given by more than one method'

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

// The client is the one client_id names when it is given, else the assertion's sub; either way it is only a claim
// until the signature is checked with that client's keys, which also holds sub to it.
function fromAssertion (body: ClientParameters): Presented {
  if (body.client_assertion_type === undefined) throw new InvalidRequest('client_assertion needs client_assertion_type')
  if (body.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) throw new InvalidRequest('client_assertion_type is not one this server supports')
  if (body.client_assertion === undefined) throw new InvalidRequest('client_assertion_type needs a client_assertion')
  const clientId = body.client_id ?? assertedClientId(body.client_assertion)
  if (clientId === undefined) throw new InvalidClient(AUTHENTICATION_FAILED)
  return { clientId, assertion: body.client_assertion, method: 'private_key_jwt' }
}

export function presentedCredentials (request: FastifyRequest): Presented | undefined {
  const body = (request.body ?? {}) as ClientParameters
  const header = request.headers.authorization
  const assertionGiven = body.client_assertion !== undefined || body.client_assertion_type !== undefined
  if (header !== undefined) {
    if (assertionGiven) throw new InvalidRequest(MORE_THAN_ONE_METHOD)
    if (!/^basic /i.test(header)) throw new InvalidClient('client authentication must use the Basic scheme')
    if (body.client_secret !== undefined) throw new InvalidRequest(MORE_THAN_ONE_METHOD)
    const basic = fromBasic(header)
    if (body.client_id !== undefined && body.client_id !== basic.clientId) {
      throw new InvalidRequest('client_id does not match the authenticated client')
    }
    return basic
  }
  if (assertionGiven) {
    if (body.client_secret !== undefined) throw new InvalidRequest(MORE_THAN_ONE_METHOD)
    return fromAssertion(body)
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
  // A public client presents nothing to guess, so nothing is counted; a wrong secret and a bad assertion count alike.
  const limit = presented.method === 'none' ? undefined : secretGuessLimit(app, presented.clientId, request.ip)
  if (limit) await refuseWhileExhausted(app.stores.failures, limit)

  const client = await app.stores.clients.find(presented.clientId)
  const failure = await problemWith(app, client, presented, allowPublic)
  // A public client is only ever identified (RFC 8252 §8.6), so it is the caller even when refused here: its own
  // pages may read why. A confidential client is the caller only once its secret or signature proves it.
  if (client && (failure === undefined || isPublic(client))) recordCaller(request, client)
  if (failure === undefined) return client!
  if (limit) await countWrongGuess(app.stores.failures, limit, new InvalidClient(failure))
  throw new InvalidClient(failure)
}

export function secretGuessLimit (app: FastifyInstance, clientId: string, address: string): GuessLimit {
  const { maxFailures, failureWindow } = app.config.clientAuth
  return { key: `client:${clientId}:${address}`, max: maxFailures, window: failureWindow }
}

async function problemWith (
  app: FastifyInstance, client: Client | undefined, presented: Presented, allowPublic: boolean
): Promise<string | undefined> {
  if (!client) return AUTHENTICATION_FAILED
  if (isPublic(client)) {
    if (presented.method !== 'none') return AUTHENTICATION_FAILED
    return allowPublic ? undefined : 'public clients cannot use this endpoint'
  }
  if (presented.method !== client.authMethod) return `client must authenticate with ${client.authMethod}`
  if (presented.assertion !== undefined) {
    const problem = await assertionProblem(app, client, presented.assertion)
    if (problem === undefined) return undefined
    // Why, for the operator; the client learns only that it failed, which tells a forger nothing.
    app.log.info({ clientId: client.id, problem }, 'client assertion refused')
    return AUTHENTICATION_FAILED
  }
  const matches = presented.secret !== undefined && app.clientSecrets.matches(presented.secret, client.secretHash!)
  return matches ? undefined : AUTHENTICATION_FAILED
}
