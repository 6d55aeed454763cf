// A first-party password-grant client for the account API, and calls to the API with a token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { ClientMetadata, ClientWithSecret } from '@keyhold/contracts'
import { basic, createClient, postForm } from '../helper.js'

export interface Account { id: string, username: string, password: string }

/** `first_party` lets an administrator grant the account scope; older admin APIs ignore it. */
export function createAccountClient (app: FastifyInstance, scope = 'account ships:read'): Promise<ClientWithSecret> {
  const metadata = { client_name: 'app', grant_types: ['password', 'refresh_token'], scope, first_party: true }
  return createClient(app, metadata as Partial<ClientMetadata>)
}

export function tokensFor (app: FastifyInstance, client: ClientWithSecret, user: { username: string, password: string }, scope?: string): Promise<LightMyRequestResponse> {
  return postForm(app, '/token', { grant_type: 'password', username: user.username, password: user.password, ...(scope && { scope }) },
    { authorization: basic(client.client_id, client.client_secret!) })
}

export async function accessToken (app: FastifyInstance, client: ClientWithSecret, user: { username: string, password: string }, scope?: string): Promise<string> {
  const response = await tokensFor(app, client, user, scope)
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`)
  return response.json().access_token
}

export function callApi (app: FastifyInstance, method: 'GET' | 'PUT' | 'DELETE', url: string, token?: string, payload?: object): Promise<LightMyRequestResponse> {
  return app.inject({ method, url, ...(token && { headers: { authorization: `Bearer ${token}` } }), ...(payload && { payload }) })
}

export async function isActive (app: FastifyInstance, client: ClientWithSecret, token: string): Promise<boolean> {
  const response = await postForm(app, '/introspect', { token }, { authorization: basic(client.client_id, client.client_secret!) })
  return response.json().active === true
}
