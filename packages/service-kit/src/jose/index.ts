// JOSE for both services, on the jose library: key sets published as JWKS, JWT signing and verification.
export * from './jwk-set.js'
export * from './key-set.js'
export * from './sign.js'
export * from './verify.js'
