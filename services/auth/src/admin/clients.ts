// The administrator's client API: create (secret shown once), read, list, replace, delete, new secret.
import type { FastifyInstance } from 'fastify'
import {
  AdminClient, AdminClientMetadata, AdminClientWithSecret, ClientIdParams, ClientList, ClientListQuery, errorResponses
} from '@keyhold/contracts'
import { checkScopesDefined } from '../clients/defined-scopes.js'
import { credentialOf } from '../clients/client.js'
import { toClientFields } from '../clients/metadata.js'
import { registerClientByAdmin, toAdminClientView } from '../clients/register.js'
import { deleteClient } from '../oauth/client-tokens.js'
import { InvalidRequest, NotFound } from '../errors.js'
import { refuseUnknownProperties } from './strict-body.js'

const unknownClient = () => new NotFound('no such client')
const strictBody = refuseUnknownProperties(AdminClientMetadata, 'client API')

export default async function adminClients (app: FastifyInstance): Promise<void> {
  const { clients } = app.stores

  app.post<{ Body: AdminClientMetadata }>('/clients', {
    preValidation: strictBody,
    schema: { body: AdminClientMetadata, response: { 201: AdminClientWithSecret, ...errorResponses } }
  }, async (request, reply) => {
    const client = await registerClientByAdmin(app, request.body)
    return reply.code(201).header('location', `/admin/clients/${encodeURIComponent(client.client_id)}`).send(client)
  })

  app.get<{ Querystring: ClientListQuery }>('/clients', {
    schema: { querystring: ClientListQuery, response: { 200: ClientList, ...errorResponses } }
  }, async (request) => {
    const { limit, after } = request.query
    const page = await clients.list(limit + 1, after)
    const shown = page.slice(0, limit)
    return {
      clients: shown.map(toAdminClientView),
      ...(page.length > limit && { next: shown.at(-1)!.id })
    }
  })

  app.get<{ Params: ClientIdParams }>('/clients/:clientId', {
    schema: { params: ClientIdParams, response: { 200: AdminClient, ...errorResponses } }
  }, async (request) => {
    const client = await clients.find(request.params.clientId)
    if (!client) throw unknownClient()
    return toAdminClientView(client)
  })

  app.put<{ Params: ClientIdParams, Body: AdminClientMetadata }>('/clients/:clientId', {
    preValidation: strictBody,
    schema: { params: ClientIdParams, body: AdminClientMetadata, response: { 200: AdminClient, ...errorResponses } }
  }, async (request) => {
    const existing = await clients.find(request.params.clientId)
    if (!existing) throw unknownClient()
    const fields = toClientFields(request.body, { byAdmin: true })
    await checkScopesDefined(app.apis, fields.scopes)
    // A secret is issued at registration and only then; a public client never becomes confidential, nor the reverse.
    if (credentialOf(fields.authMethod) !== credentialOf(existing.authMethod)) {
      throw new InvalidRequest('a client cannot change between a secret, a private key and no credential')
    }
    const updated = await clients.update(existing.id, fields)
    if (!updated) throw unknownClient()
    return toAdminClientView(updated)
  })

  app.post<{ Params: ClientIdParams }>('/clients/:clientId/secret', {
    schema: { params: ClientIdParams, response: { 200: AdminClientWithSecret, ...errorResponses } }
  }, async (request) => {
    const client = await clients.find(request.params.clientId)
    if (!client) throw unknownClient()
    if (credentialOf(client.authMethod) !== 'secret') throw new InvalidRequest('this client authenticates without a secret')
    const { secret, hash } = app.clientSecrets.issue()
    if (!(await clients.setSecretHash(client.id, hash))) throw unknownClient()
    return { ...toAdminClientView(client), client_secret: secret, client_secret_expires_at: 0 }
  })

  app.delete<{ Params: ClientIdParams }>('/clients/:clientId', {
    schema: { params: ClientIdParams, response: errorResponses }
  }, async (request, reply) => {
    if (!(await clients.find(request.params.clientId))) throw unknownClient()
    if (!(await deleteClient(app, request.params.clientId))) throw unknownClient()
    return reply.code(204).send()
  })
}
