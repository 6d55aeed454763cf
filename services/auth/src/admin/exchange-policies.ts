// The administrator's token-exchange policy API: create, list, read, replace, delete.
import type { FastifyInstance } from 'fastify'
import {
  ExchangePolicy, ExchangePolicyFields, ExchangePolicyList, ExchangePolicyListQuery, ExchangePolicyParams, errorResponses
} from '@keyhold/contracts'
import { isPublic } from '../clients/client.js'
import { InvalidRequest, NotFound } from '../errors.js'
import { toPolicyFields, toPolicyView } from '../oauth/exchange/policy-view.js'
import { refuseUnknownProperties } from './strict-body.js'

const unknownPolicy = () => new NotFound('no such exchange policy')
const unknownClient = () => new InvalidRequest('client_id names no client')
const strictBody = refuseUnknownProperties(ExchangePolicyFields, 'exchange policy API')

export default async function adminExchangePolicies (app: FastifyInstance): Promise<void> {
  const { exchangePolicies: policies } = app.stores

  /** The fields of a policy body, refused when its client is unknown or public (which cannot authenticate to exchange). */
  async function checkedFields (body: ExchangePolicyFields) {
    const fields = toPolicyFields(body)
    const client = await app.stores.clients.find(fields.clientId)
    if (!client) throw unknownClient()
    if (isPublic(client)) throw new InvalidRequest('a public client cannot exchange tokens')
    return fields
  }

  app.post<{ Body: ExchangePolicyFields }>('/exchange-policies', {
    preValidation: strictBody,
    schema: { body: ExchangePolicyFields, response: { 201: ExchangePolicy, ...errorResponses } }
  }, async (request, reply) => {
    const policy = await policies.create(await checkedFields(request.body))
    if (!policy) throw unknownClient()
    return reply.code(201).header('location', `/admin/exchange-policies/${policy.id}`).send(toPolicyView(policy))
  })

  app.get<{ Querystring: ExchangePolicyListQuery }>('/exchange-policies', {
    schema: { querystring: ExchangePolicyListQuery, response: { 200: ExchangePolicyList, ...errorResponses } }
  }, async (request) => {
    const { limit, after } = request.query
    const page = await policies.list(limit + 1, after)
    const shown = page.slice(0, limit)
    return {
      policies: shown.map(toPolicyView),
      ...(page.length > limit && { next: shown.at(-1)!.id })
    }
  })

  app.get<{ Params: ExchangePolicyParams }>('/exchange-policies/:id', {
    schema: { params: ExchangePolicyParams, response: { 200: ExchangePolicy, ...errorResponses } }
  }, async (request) => {
    const policy = await policies.find(request.params.id)
    if (!policy) throw unknownPolicy()
    return toPolicyView(policy)
  })

  app.put<{ Params: ExchangePolicyParams, Body: ExchangePolicyFields }>('/exchange-policies/:id', {
    preValidation: strictBody,
    schema: { params: ExchangePolicyParams, body: ExchangePolicyFields, response: { 200: ExchangePolicy, ...errorResponses } }
  }, async (request) => {
    if (!(await policies.find(request.params.id))) throw unknownPolicy()
    const replaced = await policies.replace(request.params.id, await checkedFields(request.body))
    if (replaced === 'unknown_client') throw unknownClient()
    if (!replaced) throw unknownPolicy()
    return toPolicyView(replaced)
  })

  app.delete<{ Params: ExchangePolicyParams }>('/exchange-policies/:id', {
    schema: { params: ExchangePolicyParams, response: errorResponses }
  }, async (request, reply) => {
    if (!(await policies.delete(request.params.id))) throw unknownPolicy()
    return reply.code(204).send()
  })
}
