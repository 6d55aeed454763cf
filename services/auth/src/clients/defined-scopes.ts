// A client may be allowed only scopes a registered API defines: each scope it holds then names exactly one API.
import type { ApiRegistry } from '../apis/registry.js'
import { InvalidClientMetadata } from '../errors.js'

export async function checkScopesDefined (apis: ApiRegistry, scopes: readonly string[]): Promise<void> {
  const catalogue = await apis.current()
  if (scopes.some((scope) => catalogue.ownerOf(scope) === undefined)) {
    throw new InvalidClientMetadata('a scope is not defined by any registered API')
  }
}
