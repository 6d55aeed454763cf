// An RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2, §3): which client sent it, as far as it
// can be known, and where the browser may go back to afterwards — only a post-logout redirect URI that client
// registered, exactly.
import type { FastifyInstance } from 'fastify'
import type { LogoutParameters } from '@keyhold/contracts'
import type { Client } from '../../clients/client.js'
import { isRegistrableRedirectUri } from '../../clients/redirect-uri.js'
import { InvalidRequest } from '../../errors.js'
import { checkIdTokenHint, type IdTokenHint } from '../checks/id-token-hint.js'

export interface LogoutRequest {
  client?: Client
  /** The id_token the client holds for the user: proof of who asks, and for whom. */
  hint?: IdTokenHint
  /** The post-logout redirect URI with the client's state, when one was asked for and is registered. */
  returnTo?: string
}

export async function checkLogoutRequest (app: FastifyInstance, parameters: LogoutParameters): Promise<LogoutRequest> {
  const { id_token_hint: idTokenHint, client_id: clientIdParameter, post_logout_redirect_uri: uri, state } = parameters
  // An expired hint still names its client and user: after a long absence is when a user signs out.
  const hint = idTokenHint === undefined ? undefined : await checkIdTokenHint(app, idTokenHint)
  if (clientIdParameter !== undefined && hint !== undefined && !hint.aud.includes(clientIdParameter)) {
    throw new InvalidRequest('client_id is not the client the id_token_hint was issued to')
  }
  const clientId = clientIdParameter ?? (hint?.aud.length === 1 ? hint.aud[0] : undefined)
  const client = clientId === undefined ? undefined : await app.stores.clients.find(clientId)
  if (clientId !== undefined && !client) throw new InvalidRequest('the client is unknown')
  if (uri === undefined) return { ...(client && { client }), ...(hint && { hint }) }
  if (!client) throw new InvalidRequest('post_logout_redirect_uri needs client_id or id_token_hint to say whose it is')
  // Only a URI in registrable form is safe to send as a Location header, whatever was stored.
  if (!client.postLogoutRedirectUris.includes(uri) || !isRegistrableRedirectUri(uri)) {
    throw new InvalidRequest('post_logout_redirect_uri is not registered for the client')
  }
  const returnTo = new URL(uri)
  if (state !== undefined) returnTo.searchParams.append('state', state)
  return { client, ...(hint && { hint }), returnTo: returnTo.toString() }
}
