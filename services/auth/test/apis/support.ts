// Two APIs beside the identity service's own, and token requests that may repeat `resource`.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { ApiDefinition, ClientWithSecret } from '@keyhold/contracts'
import { basic, FORM, registerApi, RESOURCE_AUDIENCE } from '../helper.js'

export const SHIPS = RESOURCE_AUDIENCE
export const BILLING = 'https://billing.example'

/** A second API, whose tokens live shorter than the default hour. */
export const BILLING_API: ApiDefinition = {
  identifier: BILLING,
  name: 'Billing',
  scopes: [{ name: 'invoices:read', description: 'See your invoices' }, { name: 'invoices:write', description: 'Pay and dispute invoices' }],
  access_token_ttl: 600
}

export const registerBilling = (app: FastifyInstance) => registerApi(app, BILLING_API)

/** A form body in which a name may repeat: [['resource', a], ['resource', b]]. */
export const formOf = (fields: Array<[string, string]>): string => new URLSearchParams(fields).toString()

export function tokenRequest (app: FastifyInstance, client: ClientWithSecret, fields: Array<[string, string]>): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST', url: '/token', headers: { ...FORM, authorization: basic(client.client_id, client.client_secret!) }, payload: formOf(fields)
  })
}
