// The settings every service's process shares: where it listens, how it logs, how long it waits for requests under
// way when told to stop, and how long a connection may take (see listener-timeouts).
import Type from 'typebox'
import { readSettings, setting, type ConfigOf, type Settings } from './config.js'
import { checkListenerTimeouts, listenerTimeoutSettings } from './listener-timeouts.js'
import { trustedProxies, trustProxySetting } from './trusted-proxies.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const serverSettings = ({ port }: { port: number }) => ({
  host: setting('HOST', Type.String({ default: '127.0.0.1' })),
  port: setting('PORT', Type.Integer({ default: port, minimum: 0, maximum: 65535 })),
  logLevel: setting('LOG_LEVEL', Type.Union(LOG_LEVELS.map((level) => Type.Literal(level)), { default: 'info' })),
  shutdownGraceMs: setting('SHUTDOWN_GRACE_MS', Type.Integer({ default: 10000, minimum: 0 })),
  /** Limits on how long a connection may take over a request or sit idle. */
  timeouts: listenerTimeoutSettings,
  /** The proxies whose X-Forwarded-For names the client: unset, none. */
  trustProxy: trustProxySetting
})

/** Where a service reaches Postgres or Redis: any absolute URL. */
const ServerUrl = Type.String({ pattern: '^[a-z][a-z0-9+.-]*://', maxLength: 2000 })

/** Postgres, as `openDatabase` takes it; `dataDir` is the service's own default folder for the embedded one. */
export const postgresSettings = ({ dataDir }: { dataDir: string }) => ({
  /** Postgres to connect to; when absent, an embedded Postgres (PGlite) keeps its files in `dataDir`. */
  databaseUrl: setting('DATABASE_URL', Type.Optional(ServerUrl)),
  dataDir: setting('DATA_DIR', Type.String({ default: dataDir, minLength: 1 }))
})

export const redisUrlSetting = setting('REDIS_URL', Type.Optional(ServerUrl))

type ServerSettings = ReturnType<typeof serverSettings>

/** A service's settings read from `env`, the listener's limits checked against each other, the trusted proxies parsed. */
export function readServerConfig<T extends ServerSettings & Settings> (settings: T, env: Record<string, string | undefined>): ConfigOf<T> {
  const config = readSettings(settings, env)
  checkListenerTimeouts((config as ConfigOf<ServerSettings>).timeouts)
  trustedProxies((config as ConfigOf<ServerSettings>).trustProxy)
  return config
}
