// /api/entries: a ship's log, read with `logbook:read` and written with `logbook:write`. Every answer says whom the
// token speaks for and who acts for them, as the identity service vouched for it.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { LogEntry, LogEntryInput, LogPage, LogQuery, errorResponses, type OnBehalfOf } from '@keyhold/contracts'
import { Conflict } from './errors.js'
import type { Logbook } from './log.js'

export const READ = 'logbook:read'
export const WRITE = 'logbook:write'
const doc = (scope: string, summary: string) => ({ tags: ['logbook'], summary, security: [{ bearer: [scope] }] })

const onBehalfOf = ({ token }: FastifyRequest): OnBehalfOf =>
  ({ subject: token.sub, client_id: token.clientId, ...(token.act !== undefined && { act: token.act }) })

export default async function logbookRoutes (app: FastifyInstance, { logbook }: { logbook: Logbook }): Promise<void> {
  app.get<{ Querystring: LogQuery }>('/entries', {
    onRequest: app.keyhold.authenticate(READ),
    schema: { ...doc(READ, 'Read a ship’s log'), querystring: LogQuery, response: { 200: LogPage, ...errorResponses } }
  }, async (request): Promise<LogPage> =>
    ({ ship: request.query.ship, entries: [...logbook.read(request.query.ship)], read_by: onBehalfOf(request) }))

  app.post<{ Body: LogEntryInput }>('/entries', {
    onRequest: app.keyhold.authenticate(WRITE),
    schema: { ...doc(WRITE, 'Write in a ship’s log'), body: LogEntryInput, response: { 201: LogEntry, ...errorResponses } }
  }, async (request, reply) => {
    const entry = logbook.write(request.body.ship, request.body.text, onBehalfOf(request))
    if (!entry) throw new Conflict('this ship’s log is full')
    return reply.code(201).send(entry)
  })
}
