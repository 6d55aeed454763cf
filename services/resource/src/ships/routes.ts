// /api/ships: the catalogue, readable with `ships:read` and changed with `ships:write`.
import type { FastifyInstance } from 'fastify'
import { Ship, ShipIdParams, ShipInput, ShipList, ShipListQuery, errorResponses } from '@keyhold/contracts'
import { NotFound } from '../errors.js'
import { shipStore } from './store.js'

const unknownShip = () => new NotFound('no such ship')
const READ = 'ships:read'
const WRITE = 'ships:write'
const doc = (scope: string, summary: string) => ({ tags: ['ships'], summary, security: [{ bearer: [scope] }] })

export default async function shipRoutes (app: FastifyInstance): Promise<void> {
  const ships = shipStore(app.resourceDb)
  const read = app.keyhold.authenticate(READ)
  const write = app.keyhold.authenticate(WRITE)

  app.get<{ Querystring: ShipListQuery }>('/ships', {
    onRequest: read,
    schema: { ...doc(READ, 'List ships, filtered by affiliation or category'), querystring: ShipListQuery, response: { 200: ShipList, ...errorResponses } }
  }, async (request) => {
    const { ships: page, next } = await ships.list(request.query)
    return { ships: page, ...(next !== undefined && { next_cursor: next }) }
  })

  app.get<{ Params: ShipIdParams }>('/ships/:id', {
    onRequest: read,
    schema: { ...doc(READ, 'Read a ship'), params: ShipIdParams, response: { 200: Ship, ...errorResponses } }
  }, async (request) => {
    const ship = await ships.find(request.params.id)
    if (!ship) throw unknownShip()
    return ship
  })

  app.post<{ Body: ShipInput }>('/ships', {
    onRequest: write,
    schema: { ...doc(WRITE, 'Add a ship'), body: ShipInput, response: { 201: Ship, ...errorResponses } }
  }, async (request, reply) => {
    const ship = await ships.create(request.body)
    return reply.code(201).header('location', `/api/ships/${ship.id}`).send(ship)
  })

  app.put<{ Params: ShipIdParams, Body: ShipInput }>('/ships/:id', {
    onRequest: write,
    schema: { ...doc(WRITE, 'Replace a ship'), params: ShipIdParams, body: ShipInput, response: { 200: Ship, ...errorResponses } }
  }, async (request) => {
    const ship = await ships.replace(request.params.id, request.body)
    if (!ship) throw unknownShip()
    return ship
  })

  app.delete<{ Params: ShipIdParams }>('/ships/:id', {
    onRequest: write,
    schema: { ...doc(WRITE, 'Remove a ship'), params: ShipIdParams, response: errorResponses }
  }, async (request, reply) => {
    if (!(await ships.delete(request.params.id))) throw unknownShip()
    return reply.code(204).send()
  })
}
