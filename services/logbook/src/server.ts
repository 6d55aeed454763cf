// Starts the logbook service: environment → config → buildApp → listen, and a graceful shutdown.
import { runServer } from '@keyhold/service-kit/run-server'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

await runServer(process.env, loadConfig, buildApp)
