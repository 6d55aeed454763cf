// The administrator's session API: a user's browser sessions listed, one or all ended. Ending one is a sign-out: its
// grants without offline_access end, and each client that took part gets a logout token.
import type { FastifyInstance } from 'fastify'
import { AdminSessionList, errorResponses, UserSessionParams, UserSessionsParams } from '@keyhold/contracts'
import { NotFound } from '../errors.js'
import { sessionsEnded } from '../oauth/logout/ended-sessions.js'

export default async function adminSessions (app: FastifyInstance): Promise<void> {
  const { sessions } = app.stores

  app.get<{ Params: UserSessionsParams }>('/users/:id/sessions', {
    schema: { params: UserSessionsParams, response: { 200: AdminSessionList, ...errorResponses } }
  }, async (request) => {
    const listed = await sessions.listForUser(request.params.id)
    return {
      sessions: await Promise.all(listed.filter(({ record }) => record.sid !== undefined).map(async ({ record }) => ({
        sid: record.sid!,
        auth_time: record.authTime,
        amr: record.amr ?? ['pwd'],
        clients: await sessions.participants(record.sid!)
      })))
    }
  })

  app.delete<{ Params: UserSessionParams }>('/users/:id/sessions/:sid', {
    schema: { params: UserSessionParams, response: errorResponses }
  }, async (request, reply) => {
    const { id, sid } = request.params
    const match = (await sessions.listForUser(id)).find(({ record }) => record.sid === sid)
    const ended = match && await sessions.end(match.sessionHash)
    if (!ended) throw new NotFound('no such session')
    await sessionsEnded(app, [ended], { signedOut: true })
    return reply.code(204).send()
  })

  app.delete<{ Params: UserSessionsParams }>('/users/:id/sessions', {
    schema: { params: UserSessionsParams, response: errorResponses }
  }, async (request, reply) => {
    await sessionsEnded(app, await sessions.endUserSessions(request.params.id), { signedOut: true })
    return reply.code(204).send()
  })
}
