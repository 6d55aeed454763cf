// What other packages may build on: the demo client factory and its configuration.
export { buildApp } from './app.js'
export { ConfigError, loadConfig, type DemoConfig } from './config.js'
