// The administrator's API registry: create, list, read, replace and delete the APIs tokens may be for. The identity
// service's own API is listed with them; of it only the introspectors may change.
import type { FastifyInstance } from 'fastify'
import { Api as ApiView, ApiDefinition, ApiIdParams, ApiList, ApiListQuery, errorResponses } from '@keyhold/contracts'
import type { Api, ApiFields } from '../apis/api.js'
import { IDENTITY_API_ID } from '../apis/built-in.js'
import { toApiFields } from '../apis/definition.js'
import { randomToken } from '../crypto/hash.js'
import { InvalidRequest, NotFound, Taken } from '../errors.js'
import type { ApiConflict } from '../storage/types.js'
import { refuseUnknownProperties } from './strict-body.js'

const unknownApi = () => new NotFound('no such API')
const strictBody = refuseUnknownProperties(ApiDefinition, 'API registry')

export const toApiView = (api: Api): ApiView => ({
  id: api.id,
  identifier: api.identifier,
  name: api.name,
  scopes: api.scopes.map(({ name, description }) => ({ name, description })),
  access_token_ttl: api.accessTokenTtl,
  introspectors: [...api.introspectors],
  built_in: api.builtIn
})

function refused (conflict: ApiConflict | 'scope_in_use'): Error {
  switch (conflict) {
    case 'identifier_taken': return new Taken('another API has this identifier')
    case 'scope_taken': return new Taken('another API defines one of these scopes')
    case 'unknown_client': return new InvalidRequest('an introspector is not a registered client')
    case 'scope_in_use': return new Taken('a scope this would remove is still allowed to a client')
  }
}

const isApi = (result: unknown): result is Api => typeof result === 'object' && result !== null

/** The body must say again what the identity service's API is; only its introspectors may differ. */
function sameBuiltInDefinition (api: Api, body: ApiDefinition): boolean {
  return body.identifier === api.identifier && body.name === api.name &&
    (body.access_token_ttl === undefined || body.access_token_ttl === api.accessTokenTtl) &&
    JSON.stringify(body.scopes) === JSON.stringify(api.scopes.map(({ name, description }) => ({ name, description })))
}

export default async function adminApis (app: FastifyInstance): Promise<void> {
  const registry = app.apis
  const fieldsOf = (body: ApiDefinition): ApiFields => toApiFields(body, app.config)

  app.post<{ Body: ApiDefinition }>('/apis', {
    preValidation: strictBody,
    schema: { body: ApiDefinition, response: { 201: ApiView, ...errorResponses } }
  }, async (request, reply) => {
    const created = await registry.create(randomToken(16), fieldsOf(request.body))
    if (!isApi(created)) throw refused(created)
    return reply.code(201).header('location', `/admin/apis/${encodeURIComponent(created.id)}`).send(toApiView(created))
  })

  app.get<{ Querystring: ApiListQuery }>('/apis', {
    schema: { querystring: ApiListQuery, response: { 200: ApiList, ...errorResponses } }
  }, async (request) => {
    const { limit, after } = request.query
    const { apis } = await registry.current()
    // The identity service's API comes first, then the others in the order of their ids.
    const rest = after === undefined ? apis : apis.filter((api) => !api.builtIn && (after === IDENTITY_API_ID || api.id > after))
    const shown = rest.slice(0, limit)
    return { apis: shown.map(toApiView), ...(rest.length > limit && { next: shown.at(-1)!.id }) }
  })

  app.get<{ Params: ApiIdParams }>('/apis/:apiId', {
    schema: { params: ApiIdParams, response: { 200: ApiView, ...errorResponses } }
  }, async (request) => {
    const api = (await registry.current()).byId(request.params.apiId)
    if (!api) throw unknownApi()
    return toApiView(api)
  })

  app.put<{ Params: ApiIdParams, Body: ApiDefinition }>('/apis/:apiId', {
    preValidation: strictBody,
    schema: { params: ApiIdParams, body: ApiDefinition, response: { 200: ApiView, ...errorResponses } }
  }, async (request) => {
    const existing = (await registry.current()).byId(request.params.apiId)
    if (!existing) throw unknownApi()
    if (existing.builtIn) {
      if (!sameBuiltInDefinition(existing, request.body)) throw new InvalidRequest("the identity service's own API cannot be changed, only who may introspect its tokens")
      const set = await registry.setIntrospectors(existing.id, request.body.introspectors ?? [])
      if (set === 'unknown_client') throw refused(set)
      return toApiView((await registry.current()).byId(existing.id)!)
    }
    const replaced = await registry.replace(existing.id, fieldsOf(request.body))
    if (replaced === undefined) throw unknownApi()
    if (!isApi(replaced)) throw refused(replaced)
    return toApiView(replaced)
  })

  app.delete<{ Params: ApiIdParams }>('/apis/:apiId', {
    schema: { params: ApiIdParams, response: errorResponses }
  }, async (request, reply) => {
    const api = (await registry.current()).byId(request.params.apiId)
    if (api?.builtIn === true) throw new InvalidRequest("the identity service's own API cannot be deleted")
    const outcome = await registry.delete(request.params.apiId)
    if (outcome === 'unknown') throw unknownApi()
    if (outcome === 'in_use') throw new Taken('a client is still allowed one of its scopes')
    return reply.code(204).send()
  })
}
