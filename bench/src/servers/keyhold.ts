// Runs one of our services as it runs in production: configuration from the environment, one process.
// The package to run (@keyhold/auth or @keyhold/resource) is the first argument.
import type { FastifyInstance } from 'fastify'
import { closeOnSignal, ready } from './serve.js'

interface Service {
  buildApp (config: unknown): Promise<FastifyInstance>
  loadConfig (env: NodeJS.ProcessEnv): { host: string, port: number }
}

const name = process.argv[2]
if (name !== '@keyhold/auth' && name !== '@keyhold/resource') throw new Error(`unknown service ${name}`)
const { buildApp, loadConfig } = await import(name) as Service
const config = loadConfig(process.env)
const app = await buildApp(config)
await app.listen({ host: config.host, port: config.port })
closeOnSignal(() => app.close())
ready()
