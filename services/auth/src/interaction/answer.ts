// Sends an authorization answer to the client: a redirect, or for response_mode=form_post a page that posts it
// (OAuth 2.0 Form Post Response Mode §2), by script or, with scripts off, by a button.
import type { FastifyReply } from 'fastify'
import { answerUri, type AuthorizationAnswer } from '../oauth/authorization/response.js'
import { FORM_POST_POLICY } from './content-policy.js'
import { formPostPage } from './pages.js'

export function sendAnswer (reply: FastifyReply, answer: AuthorizationAnswer, redirectStatus: 302 | 303): FastifyReply {
  if (answer.target.mode !== 'form_post') return reply.redirect(answerUri(answer), redirectStatus)
  return reply.code(200).header('content-security-policy', FORM_POST_POLICY).type('text/html')
    .send(formPostPage({ action: answer.target.redirectUri, parameters: answer.parameters }))
}
