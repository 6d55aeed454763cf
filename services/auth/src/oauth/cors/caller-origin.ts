// Real requests from pages to the token, revocation and userinfo endpoints: the page may read the answer, error or
// not, only when its origin is one the calling client registered, so no page reads what another client's request
// gets. Written as the answer leaves (onSend): the caller is known only once the handler has worked it out, after
// every hook @fastify/cors can use.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { webOriginsOf } from '../../clients/web-origins.js'
import { callerOf } from '../caller.js'

// The answer depends on Origin whether or not one was sent (Fetch §3.2.5), so caches must keep them apart.
function varyOnOrigin (reply: FastifyReply): void {
  const vary = reply.getHeader('vary')
  if (vary === undefined) reply.header('vary', 'Origin')
  else if (!/(^|,)\s*(origin|\*)\s*(,|$)/i.test(String(vary))) reply.header('vary', `${String(vary)}, Origin`)
}

export function allowCallerOrigin (app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    varyOnOrigin(reply)
    const { origin } = request.headers
    const caller = callerOf(request)
    // Never Access-Control-Allow-Credentials: the token is in the request, not in a cookie.
    if (origin !== undefined && caller !== undefined && webOriginsOf(caller.redirectUris).includes(origin)) {
      reply.header('access-control-allow-origin', origin)
    }
  })
}
