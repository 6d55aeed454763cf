// The grant types the token endpoint serves.
import { authorizationCode } from './authorization-code.js'
import { clientCredentials } from './client-credentials.js'
import type { Grant } from './grant.js'
import { password } from './password.js'
import { refreshToken } from './refresh-token.js'

export const grants: ReadonlyMap<string, Grant> = new Map(
  [authorizationCode, refreshToken, clientCredentials, password].map((grant) => [grant.type, grant])
)
