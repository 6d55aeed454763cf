// The services' log settings: credentials and cookies redacted, request URLs logged without their query string.
import type { FastifyServerOptions } from 'fastify'

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>

export function loggerOptions (level: string): LoggerOptions {
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // A query string may carry an access token (RFC 6750 §2.3) or an authorization code: paths only.
    serializers: { req: (req) => ({ method: req.method, url: req.url.split('?')[0], reqId: req.id }) }
  }
}
