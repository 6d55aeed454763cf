// A user, the web client they signed in with, and a service client that may exchange their tokens, with the calls
// to make policies and exchanges.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { Test } from 'tap'
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT, type ClientWithSecret, type ExchangePolicyFields } from '@keyhold/contracts'
import { signUp } from '../../browser.js'
import { adminHeaders, basic, build, createClient, FORM, postForm, registerApi } from '../../helper.js'

/** The resource service's API, and two other APIs. */
export const RESOURCE = 'http://127.0.0.1:4001'
export const BILLING = 'https://billing.example/api'
export const LEDGER = 'https://ledger.example/api'

export const auth = (client: ClientWithSecret) => ({ authorization: basic(client.client_id, client.client_secret!) })

/** A confidential client that may exchange tokens of `api`, whose own client it is. */
export function exchangingClient (app: FastifyInstance, api: string, grantTypes: string[] = ['client_credentials', TOKEN_EXCHANGE_GRANT]): Promise<ClientWithSecret> {
  return createClient(app, { client_name: `service of ${api}`, grant_types: grantTypes as never, introspects: [api] })
}

export async function addPolicy (app: FastifyInstance, fields: ExchangePolicyFields): Promise<{ id: string }> {
  const response = await app.inject({ method: 'POST', url: '/admin/exchange-policies', headers: adminHeaders, payload: fields })
  if (response.statusCode !== 201) throw new Error(`policy creation failed: ${response.body}`)
  return response.json()
}

/** A token request with grant_type token-exchange and an access token as subject unless told otherwise; lists repeat. */
export function exchange (
  app: FastifyInstance, client: ClientWithSecret, params: Record<string, string | string[]>
): Promise<LightMyRequestResponse> {
  const form = new URLSearchParams({ grant_type: TOKEN_EXCHANGE_GRANT, subject_token_type: ACCESS_TOKEN_TYPE })
  for (const [name, value] of Object.entries(params)) {
    form.delete(name)
    for (const item of [value].flat()) form.append(name, item)
  }
  return app.inject({ method: 'POST', url: '/token', headers: { ...FORM, ...auth(client) }, payload: form.toString() })
}

export async function exchanged (app: FastifyInstance, client: ClientWithSecret, params: Record<string, string | string[]>): Promise<string> {
  const response = await exchange(app, client, params)
  if (response.statusCode !== 200) throw new Error(`exchange failed: ${response.body}`)
  return response.json().access_token
}

export async function isActive (app: FastifyInstance, client: ClientWithSecret, token: string): Promise<boolean> {
  return (await postForm(app, '/introspect', { token }, auth(client))).json().active === true
}

export interface World {
  app: FastifyInstance
  user: { id: string, username: string, password: string }
  /** The web client the user signed in with (password grant, refresh tokens). */
  web: ClientWithSecret
  /** The resource service's client, which may exchange tokens for its API. */
  service: ClientWithSecret
  /** Tokens the web client gets for the user: an access token for the resource service, and a refresh token. */
  userTokens (scope?: string): Promise<{ access_token: string, refresh_token: string, expires_in: number }>
}

export async function world (t: Test): Promise<World> {
  const app = await build(t)
  await registerApi(app, {
    identifier: BILLING,
    name: 'Billing',
    scopes: [
      { name: 'invoices:read', description: 'See your invoices' },
      { name: 'invoices:write', description: 'Pay your invoices' },
      { name: 'fleet:read', description: 'See what your fleet costs' }
    ]
  })
  await registerApi(app, { identifier: LEDGER, name: 'Ledger', scopes: [{ name: 'entries:read', description: 'See ledger entries' }] })
  const web = await createClient(app, { client_name: 'web', grant_types: ['password', 'refresh_token'], scope: 'calls ships:read' })
  const service = await exchangingClient(app, RESOURCE)
  const user = await signUp(app)
  const userTokens = async (scope = 'calls') => {
    const response = await postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password, scope }, auth(web))
    if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`)
    return response.json()
  }
  return { app, user, web, service, userTokens }
}
