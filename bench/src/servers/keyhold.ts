// Runs one of our services as it runs in production: configuration from the environment, one process.
// The package to run (@keyhold/auth or @keyhold/resource) is the first argument.
import type { FastifyInstance } from 'fastify'
import { closeOnSignal, ready } from './serve.js'

interface Service<Config extends { host: string, port: number }> {
  loadConfig (env: NodeJS.ProcessEnv): Config
  buildApp (config: Config): Promise<FastifyInstance>
}

async function serve<Config extends { host: string, port: number }> ({ loadConfig, buildApp }: Service<Config>): Promise<void> {
  const config = loadConfig(process.env)
  const app = await buildApp(config)
  await app.listen({ host: config.host, port: config.port })
  closeOnSignal(() => app.close())
  ready()
}

const name = process.argv[2]
if (name === '@keyhold/auth') await serve(await import('@keyhold/auth'))
else if (name === '@keyhold/resource') await serve(await import('@keyhold/resource'))
else throw new Error(`unknown service ${name}`)
