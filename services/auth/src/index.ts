// What other packages may build on: the identity service factory and its configuration.
export { buildApp } from './app.js'
export { ConfigError, loadConfig, type AuthConfig } from './config.js'
