// nonce (OpenID Connect Core §3.1.2.1, §3.2.2.1): echoed in the id_token so the client can tie it to its request;
// required wherever the id_token comes straight from the authorization endpoint.
import { InvalidRequest } from '../../errors.js'
import { isValidState, MAX_STATE_LENGTH } from './state.js'

export function checkNonce (nonce: string | undefined, { required }: { required: boolean }): string | undefined {
  if (nonce === undefined) {
    if (required) throw new InvalidRequest('nonce is required for response types that return an id_token')
    return undefined
  }
  // The same room and characters as state: both are the client's opaque values, returned exactly.
  if (!isValidState(nonce)) throw new InvalidRequest(`nonce must be at most ${MAX_STATE_LENGTH} printable ASCII characters`)
  return nonce
}
