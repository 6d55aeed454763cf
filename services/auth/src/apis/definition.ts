// Checks an administrator's API definition and turns it into the fields the registry stores.
import type { ApiDefinition } from '@keyhold/contracts'
import { InvalidRequest, Taken } from '../errors.js'
import { identifierProblem, type ApiFields } from './api.js'
import { RESERVED_SCOPES } from './built-in.js'

export function toApiFields (definition: ApiDefinition, { issuer }: { issuer: string }): ApiFields {
  const problem = identifierProblem(definition.identifier)
  if (problem) throw new InvalidRequest(`identifier ${problem}`)
  if (definition.identifier === issuer) throw new Taken("the identifier is the identity service's own")
  const names = definition.scopes.map(({ name }) => name)
  if (new Set(names).size !== names.length) throw new InvalidRequest('a scope is listed twice')
  if (names.some((name) => RESERVED_SCOPES.has(name))) throw new Taken("a scope is the identity service's own")
  return {
    identifier: definition.identifier,
    name: definition.name,
    scopes: definition.scopes.map(({ name, description }) => ({ name, description })),
    ...(definition.access_token_ttl !== undefined && { accessTokenTtl: definition.access_token_ttl }),
    introspectors: [...definition.introspectors ?? []]
  }
}
