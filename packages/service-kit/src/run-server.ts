// Runs a service as a process: environment → config → buildApp → listen, and a graceful shutdown.
import closeWithGrace from 'close-with-grace'
import type { FastifyBaseLogger } from 'fastify'
import { ConfigError } from './config.js'

export interface ServerConfig {
  host: string
  port: number
  shutdownGraceMs: number
}

/** What runServer needs of an app: a Fastify instance, whatever its type provider. */
export interface Listener {
  log: FastifyBaseLogger
  listen (options: { host: string, port: number }): Promise<string>
  close (): Promise<unknown>
}

/** Starts the service, or ends the process with the configuration's problems (and no stack) when `env` is invalid. */
export async function runServer<C extends ServerConfig, A extends Listener> (
  env: Record<string, string | undefined>,
  loadConfig: (env: Record<string, string | undefined>) => C,
  buildApp: (config: C) => Promise<A>
): Promise<{ app: A, config: C }> {
  let config
  try {
    config = loadConfig(env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(error.message)
    process.exit(1)
  }

  const app = await buildApp(config)
  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
  await app.listen({ host: config.host, port: config.port })
  return { app, config }
}
