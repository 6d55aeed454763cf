// /api/calls: the caller's own phone calls (owner = the token's subject), with the `calls` scope.
import type { FastifyInstance } from 'fastify'
import { Call, CallIdParams, CallList, CallListQuery, CallUpdate, CallXml, NewCall, errorResponses } from '@keyhold/contracts'
import { Conflict, NotAcceptable, NotFound } from '../errors.js'
import { callStore } from './store.js'
import { callToXml } from './xml.js'

const SCOPE = 'calls'
const JSON_TYPE = 'application/json'
const XML_TYPE = 'application/xml'
// Someone else's call and no call at all look the same.
const unknownCall = () => new NotFound('no such call')
const doc = (summary: string) => ({ tags: ['calls'], summary, security: [{ bearer: [SCOPE] }] })

export default async function callRoutes (app: FastifyInstance): Promise<void> {
  const calls = callStore(app.resourceDb)
  app.addHook('onRequest', app.keyhold.authenticate(SCOPE))

  app.post<{ Body: NewCall }>('/calls', {
    schema: { ...doc('Place a call'), body: NewCall, response: { 201: Call, ...errorResponses } }
  }, async (request, reply) => {
    const call = await calls.place(request.token.sub, request.body.number)
    return reply.code(201).header('location', `/api/calls/${call.id}`).send(call)
  })

  app.get<{ Querystring: CallListQuery }>('/calls', {
    schema: { ...doc("List the caller's calls, newest first"), querystring: CallListQuery, response: { 200: CallList, ...errorResponses } }
  }, async (request) => ({ calls: await calls.list(request.token.sub, request.query) }))

  app.get<{ Params: CallIdParams }>('/calls/:id', {
    schema: {
      ...doc('Read a call, as JSON or XML'),
      params: CallIdParams,
      response: { 200: { content: { [JSON_TYPE]: { schema: Call }, [XML_TYPE]: { schema: CallXml } } }, ...errorResponses }
    }
  }, async (request, reply) => {
    const type = request.accepts().type([JSON_TYPE, XML_TYPE])
    if (!type) throw new NotAcceptable(`the call can be sent as ${JSON_TYPE} or ${XML_TYPE}`)
    const call = await calls.find(request.token.sub, request.params.id)
    if (!call) throw unknownCall()
    reply.header('vary', 'accept')
    if (type === XML_TYPE) return reply.type(`${XML_TYPE}; charset=utf-8`).send(callToXml(call))
    return reply.type(`${JSON_TYPE}; charset=utf-8`).send(call)
  })

  app.put<{ Params: CallIdParams, Body: CallUpdate }>('/calls/:id', {
    schema: { ...doc('End a call'), params: CallIdParams, body: CallUpdate, response: { 200: Call, ...errorResponses } }
  }, async (request) => {
    const result = await calls.end(request.token.sub, request.params.id)
    if (!result) throw unknownCall()
    if ('conflict' in result) throw new Conflict(`the call already ended at ${result.conflict.ended_at}`)
    return result.call
  })
}
