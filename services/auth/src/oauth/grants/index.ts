// The grant types the token endpoint serves.
import { clientCredentials } from './client-credentials.js'
import type { Grant } from './grant.js'

export const grants: ReadonlyMap<string, Grant> = new Map([clientCredentials].map((grant) => [grant.type, grant]))
