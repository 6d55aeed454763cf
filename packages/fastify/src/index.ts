// @keyhold/fastify: protects a Fastify API with access tokens from a Keyhold identity service.
import { keyholdPlugin } from './plugin.js'

export default keyholdPlugin
export { keyholdPlugin, type Keyhold } from './plugin.js'
export type { KeyholdOptions, RevocationOptions } from './options.js'
export type { AccessToken } from './access-token.js'
export type { ExchangedToken, ExchangeTarget } from './identity-client.js'
export type { ClientCredentials, ClientSecretCredentials } from './client-credentials.js'
export type { AssertionAlgorithm, AssertionSigner } from './client-assertion.js'
export type { RevocationSource } from './revocations/feed.js'
export type { EventStreamOptions } from './revocations/event-stream.js'
export type { RedisFeedOptions } from './revocations/redis.js'
export { MAX_TOKEN_LENGTH } from './extract.js'
export type { Actor } from '@keyhold/contracts'
