// Starting and ending calls: form posts turned into resource-service calls, answered with a redirect
// home (303, post/redirect/get) and a notice saying what happened.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { CallIdParams } from '@keyhold/contracts'
import Type from 'typebox'
import type { Session } from '../session/store.js'
import { requireCsrf, type CsrfBody } from './csrf.js'
import { describeFailure, isServiceFailure } from './failures.js'

const Csrf = Type.String({ maxLength: 200 })
const StartCallBody = Type.Object({ _csrf: Csrf, number: Type.String({ minLength: 1, maxLength: 32 }) })
const EndCallBody = Type.Object({ _csrf: Csrf })

export default async function callRoutes (app: FastifyInstance): Promise<void> {
  const { resource, tokens } = app

  /** Runs one resource call for the session and tells the user how it went on the next page. */
  async function act (request: FastifyRequest, reply: FastifyReply, call: (token: string) => Promise<unknown>, done: string) {
    const session = request.session as Session
    try {
      await tokens.use(session, call)
      session.notice = done
    } catch (error) {
      if (!isServiceFailure(error)) throw error
      request.log.warn({ err: error }, 'call action failed')
      session.notice = describeFailure(error)
    }
    return reply.redirect('/', 303)
  }

  app.post<{ Body: CsrfBody & { number: string } }>('/calls', {
    schema: { body: StartCallBody },
    preHandler: requireCsrf
  }, async (request, reply) => {
    // People type numbers with spaces, dashes and brackets; the calls service wants E.164 digits.
    const number = request.body.number.replace(/[\s().-]/g, '')
    return act(request, reply, (token) => resource.startCall(token, number), `Calling ${number}.`)
  })

  app.post<{ Body: CsrfBody, Params: { id: string } }>('/calls/:id/end', {
    schema: { body: EndCallBody, params: CallIdParams },
    preHandler: requireCsrf
  }, async (request, reply) => act(request, reply, (token) => resource.endCall(token, request.params.id), 'Call ended.'))
}
