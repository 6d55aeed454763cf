// What other packages may build on: the logbook service factory and its configuration.
export { buildApp, type LogbookDependencies } from './app.js'
export { ConfigError, loadConfig, type LogbookConfig } from './config.js'
export { READ as LOGBOOK_READ, WRITE as LOGBOOK_WRITE } from './routes.js'
