// What other packages may build on: the resource service factory and its configuration.
export { buildApp, type ResourceDependencies } from './app.js'
export { ConfigError, loadConfig, type ResourceConfig } from './config.js'
