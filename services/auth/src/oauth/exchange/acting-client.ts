// Whether a client may act at other APIs for the users of an API: when it is that API's own client, one of the
// introspectors the API's record names. The one place that decides it.
import type { FastifyInstance } from 'fastify'
import { mayIntrospect } from '../../apis/api.js'
import type { Client } from '../../clients/client.js'

export async function mayActFor (app: FastifyInstance, client: Client, api: string): Promise<boolean> {
  const registered = await app.apis.find(api)
  return registered !== undefined && mayIntrospect(client, registered)
}
