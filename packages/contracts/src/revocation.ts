// POST /revoke (RFC 7009): the same token reference as introspection; success has an empty body.
import { TokenReferenceRequest } from './introspection.js'

export const RevocationRequest = TokenReferenceRequest
export type RevocationRequest = TokenReferenceRequest
