// GET /api/ships/:id/log: a ship's log, read from the logbook API on the caller's behalf. The caller's token is for
// this API only; the identity service exchanges it (RFC 8693) for a token for the logbook, which names this service
// in `act`, so the logbook sees who reads and who acts for them.
import type { FastifyInstance } from 'fastify'
import { LogPage, ShipIdParams, errorResponses } from '@keyhold/contracts'
import { NotFound, TemporarilyUnavailable } from '../errors.js'
import { shipStore } from '../ships/store.js'

const READ = 'ships:read'
const LOGBOOK_READ = 'logbook:read'

export interface LogbookRoutesOptions {
  logbook: { url: string, audience: string }
  timeoutMs: number
}

export default async function logbookRoutes (app: FastifyInstance, { logbook, timeoutMs }: LogbookRoutesOptions): Promise<void> {
  const ships = shipStore(app.resourceDb)

  app.get<{ Params: ShipIdParams }>('/ships/:id/log', {
    onRequest: app.keyhold.authenticate(READ),
    schema: {
      tags: ['ships'],
      summary: 'Read a ship’s log from the logbook API, on the caller’s behalf',
      security: [{ bearer: [READ] }],
      params: ShipIdParams,
      response: { 200: LogPage, ...errorResponses }
    }
  }, async (request): Promise<LogPage> => {
    const ship = await ships.find(request.params.id)
    if (!ship) throw new NotFound('no such ship')
    const { accessToken } = await app.keyhold.exchange(request, { audience: logbook.audience, scope: LOGBOOK_READ })
    const url = `${logbook.url}/api/entries?${new URLSearchParams({ ship: ship.registry ?? ship.name })}`
    let response: Response
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      request.log.warn({ err: error }, 'the logbook API did not answer')
      throw new TemporarilyUnavailable()
    }
    if (response.status !== 200) {
      request.log.warn({ status: response.status }, 'the logbook API refused the exchanged token')
      throw new TemporarilyUnavailable()
    }
    return await response.json() as LogPage
  })
}
