// Whether a client may act at other APIs for the users of an API: today, when it is that API's own client, which an
// administrator allowed to introspect its tokens. The one place that decides it.
import type { FastifyInstance } from 'fastify'
import type { Client } from '../../clients/client.js'

export async function mayActFor (_app: FastifyInstance, client: Client, api: string): Promise<boolean> {
  return client.introspectionAudiences.includes(api)
}
