// Tells an error that means "Postgres or Redis cannot be reached right now" from any other.
import { ReplyError } from 'ioredis'

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'])
// SQLSTATE classes 08 (connection exception) and 57P0x (server shutting down or starting).
const UNAVAILABLE_SQLSTATE = /^(08|57P0)/
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  "Stream isn't writeable",
  'Connection is closed',
  'Command timed out',
  'Reached the max retries per request limit'
]

export function isUnavailable (error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof ReplyError) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true
  if (error.name === 'MaxRetriesPerRequestError') return true
  return UNAVAILABLE_MESSAGES.some((text) => error.message.includes(text))
}
