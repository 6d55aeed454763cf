// What /authorize needs of the browser interaction above it: who is signed in, which browser asks, and the pages
// that take the user through sign-in and consent. The interaction layer implements it; oauth/ never imports it.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { User } from '../../storage/types.js'
import type { AuthorizationRequest } from './request.js'

export interface SignedIn {
  user: User
  /** When the user last entered their credentials, in seconds since the epoch. */
  authTime: number
}

/** All the consent page shows of a held request. */
export interface ConsentPrompt {
  requestId: string
  clientName: string
  username: string
  scopes: string[]
}

export interface AuthorizationInteraction {
  signedIn (request: FastifyRequest): Promise<SignedIn | undefined>
  /** The hash of this browser's id; a browser without one is given one first. */
  browser (request: FastifyRequest, reply: FastifyReply): string
  /** Sends the browser to sign in, then to consent to the request held under `requestId`. */
  signIn (reply: FastifyReply, requestId: string): FastifyReply
  askConsent (request: FastifyRequest, reply: FastifyReply, prompt: ConsentPrompt): FastifyReply
}

export const consentPrompt = (requestId: string, authorization: AuthorizationRequest, user: User): ConsentPrompt => ({
  requestId, clientName: authorization.client.name, username: user.username, scopes: authorization.scopes
})
