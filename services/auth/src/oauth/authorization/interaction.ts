// What /authorize needs of the browser interaction above it: who is signed in, which browser asks, and the pages
// that take the user through sign-in and consent. The interaction layer implements it; oauth/ never imports it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Api, ApiScope } from '../../apis/api.js'
import type { Authentication, User } from '../../storage/types.js'
import type { AuthorizationRequest } from './request.js'
import type { AuthorizationAnswer } from './response.js'

export interface SignedIn {
  user: User
  /** When and how the user signed in, and the session's sid. */
  authentication: Authentication
  /** Names this very sign-in: another sign-in, even by the same user in the same session, has another. */
  signIn: string
}

/** An API the client asks for, by its name, and the scopes of it the client asks for, each with its description. */
export interface RequestedApi {
  name: string
  scopes: ApiScope[]
}

/** All the consent page shows of a held request. */
export interface ConsentPrompt {
  requestId: string
  clientName: string
  username: string
  apis: RequestedApi[]
}

export interface AuthorizationInteraction {
  signedIn (request: FastifyRequest): Promise<SignedIn | undefined>
  /** The hash of this browser's id; a browser without one is given one first. */
  browser (request: FastifyRequest, reply: FastifyReply): string
  /** Sends the browser to sign in, then to consent to the request held under `requestId`. */
  signIn (reply: FastifyReply, requestId: string): FastifyReply
  askConsent (request: FastifyRequest, reply: FastifyReply, prompt: ConsentPrompt): FastifyReply
  /** Sends the answer to the client: a redirect, or for response_mode=form_post a page that posts it. */
  answer (reply: FastifyReply, answer: AuthorizationAnswer, redirectStatus: 302 | 303): FastifyReply
}

/** The APIs a request names with `resource`, then those its other scopes belong to, each with its scopes asked for. */
export async function consentPrompt (app: FastifyInstance, requestId: string, authorization: AuthorizationRequest, user: User): Promise<ConsentPrompt> {
  const catalogue = await app.apis.current()
  const groups = new Map<Api, ApiScope[]>()
  for (const identifier of authorization.resources ?? []) {
    const api = catalogue.find(identifier)
    if (api) groups.set(api, [])
  }
  for (const scope of authorization.scopes) {
    const api = catalogue.ownerOf(scope)
    const described = api?.scopes.find(({ name }) => name === scope)
    if (!api || !described) continue
    groups.set(api, [...groups.get(api) ?? [], described])
  }
  return {
    requestId,
    clientName: authorization.client.name,
    username: user.username,
    apis: [...groups].map(([api, scopes]) => ({ name: api.name, scopes }))
  }
}
