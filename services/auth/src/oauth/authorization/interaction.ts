// What /authorize needs of the browser interaction above it: who is signed in, which browser asks, and the pages
// that take the user through sign-in and consent. The interaction layer implements it; oauth/ never imports it.
import type { FastifyReply, FastifyRequest } from 'fastify'
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
  /** Sends the answer to the client: a redirect, or for response_mode=form_post a page that posts it. */
  answer (reply: FastifyReply, answer: AuthorizationAnswer, redirectStatus: 302 | 303): FastifyReply
}

export const consentPrompt = (requestId: string, authorization: AuthorizationRequest, user: User): ConsentPrompt => ({
  requestId, clientName: authorization.client.name, username: user.username, scopes: authorization.scopes
})
