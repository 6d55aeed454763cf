// The grant types the token endpoint serves.
import { authorizationCode } from './authorization-code.js'
import { clientCredentials } from './client-credentials.js'
import type { Grant } from './grant.js'
import { password } from './password.js'
import { refreshToken } from './refresh-token.js'
import { tokenExchange } from './token-exchange.js'

export const grants: ReadonlyMap<string, Grant> = new Map(
  [authorizationCode, refreshToken, clientCredentials, password, tokenExchange].map((grant) => [grant.type, grant])
)
