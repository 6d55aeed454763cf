// The logbook service's configuration: each setting's variable, schema and default, checked at start.
import Type from 'typebox'
import { setting } from '@keyhold/service-kit/config'
import { readServerConfig, redisUrlSetting, serverSettings } from '@keyhold/service-kit/server-settings'

const HttpUrl = Type.String({ pattern: '^https?://[^?#]+$', maxLength: 2000 })

const settings = {
  ...serverSettings({ port: 4003 }),
  /** The identity service's issuer identifier; discovery starts there. */
  issuer: setting('ISSUER', Type.String({ ...HttpUrl, default: 'http://127.0.0.1:4000' })),
  /** Where the identity service is reached, when not at its issuer identifier (inside a container network). */
  authUrl: setting('AUTH_URL', Type.Optional(HttpUrl)),
  /** This API's identifier: every token it accepts names it in `aud`. */
  audience: setting('AUDIENCE', Type.String({ ...HttpUrl, default: 'http://127.0.0.1:4003' })),
  /** The confidential client this API introspects as. */
  client: {
    id: setting('LOGBOOK_CLIENT_ID', Type.String({ minLength: 1 })),
    secret: setting('LOGBOOK_CLIENT_SECRET', Type.String({ minLength: 1 }))
  },
  /** The identity service's Redis, to hear revocations on; without it, its revocation event stream. */
  redisUrl: redisUrlSetting,
  authRedisPrefix: setting('AUTH_REDIS_PREFIX', Type.String({ default: 'keyhold:', pattern: '^[A-Za-z0-9:_-]*$' }))
}

export { ConfigError } from '@keyhold/service-kit/config'

export const loadConfig = (env: Record<string, string | undefined>) => readServerConfig(settings, env)

export type LogbookConfig = ReturnType<typeof loadConfig>
