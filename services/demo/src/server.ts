// Starts the demo client: environment → config → buildApp → listen, and a graceful shutdown.
import { runServer } from '@keyhold/service-kit/run-server'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'

const { app, config } = await runServer(process.env, loadConfig, buildApp)
app.log.info(`open ${config.publicUrl} in a browser`)
