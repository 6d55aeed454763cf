// JOSE for both services, on the jose library: key sets published as JWKS, and JWT verification.
export * from './key-set.js'
export * from './verify.js'
