// What other packages may build on: the identity service factory and its configuration.
export { buildApp, type AuthDependencies } from './app.js'
export { revocationChannel, type RevocationChannel } from './storage/memory/revocations.js'
export { ConfigError, loadConfig, type AuthConfig } from './config.js'
export { ensureUser } from './accounts/provision.js'
