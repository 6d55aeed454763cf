// How the plugin proves who it is to the identity service, the same way for introspection and the revocation event
// stream: client_secret_basic (RFC 6749 §2.3.1), or private_key_jwt (RFC 7523 §2.2) with a fresh assertion each time.
import { clientAssertions, CLIENT_ASSERTION_TYPE, type AssertionSigner } from './client-assertion.js'

export interface ClientSecretCredentials {
  clientId: string
  clientSecret: string
}

export type ClientCredentials = ClientSecretCredentials | AssertionSigner

/** What to add to a request: headers, and form parameters for its body. */
export interface Authentication {
  headers: Record<string, string>
  form: Record<string, string>
}

// Each part form-urlencoded before base64, as RFC 6749 §2.3.1 asks.
const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+')

export const basicAuthorization = (clientId: string, clientSecret: string): string =>
  `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`

export function clientAuthentication (credentials: ClientCredentials, issuer: string): () => Promise<Authentication> {
  if ('clientSecret' in credentials) {
    const fixed = { headers: { authorization: basicAuthorization(credentials.clientId, credentials.clientSecret) }, form: {} }
    return async () => fixed
  }
  const assertion = clientAssertions(credentials, issuer)
  return async () => ({
    headers: {},
    form: { client_id: credentials.clientId, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await assertion() }
  })
}
