// POST /revocations: the revocation notices of the Redis channel as a stream of server-sent events, for resource
// servers that cache introspection answers but cannot reach this service's Redis. Only confidential clients, with
// the credentials they introspect with; a bounded number of streams per client and per instance. A stream ends
// whenever notices may have been missed (the channel was lost, the service is stopping, the reader is too slow, or
// the client itself was deleted): the reader then opens a new one and drops what it cached.
import type { FastifyInstance } from 'fastify'
import {
  clientEndedNotice, REVOCATION_EVENT, REVOCATION_STREAM_READY, TokenReferenceRequest, errorResponses,
  type RevocationStreamReady
} from '@keyhold/contracts'
import Type from 'typebox'
import { TemporarilyUnavailable, TooManyStreams } from '../../errors.js'
import { authenticateClient } from '../client-authentication.js'

/** A reader this far behind is not keeping up; it is cut off rather than buffered for. */
const MAX_BUFFERED_BYTES = 64 * 1024

const RevocationStreamRequest = Type.Pick(TokenReferenceRequest, ['client_id', 'client_secret'])

const event = (name: string, data: string) => `event: ${name}\ndata: ${data}\n\n`

export default async function revocationStreamEndpoint (app: FastifyInstance): Promise<void> {
  const { max, perClient, heartbeat } = app.config.revocationStreams
  const openPerClient = new Map<string, number>()
  const open = new Set<() => void>()
  // Streams never end by themselves: they are ended before the server waits for its connections to close.
  app.addHook('preClose', async () => { for (const end of [...open]) end() })

  app.post('/revocations', {
    schema: { body: Type.Optional(RevocationStreamRequest), response: errorResponses }
  }, async (request, reply) => {
    const client = await authenticateClient(app, request, { allowPublic: false })
    const notices = app.revocationNotices
    if (!notices.live) throw new TemporarilyUnavailable('revocation notices cannot be heard right now')
    const ofClient = openPerClient.get(client.id) ?? 0
    if (ofClient >= perClient) throw new TooManyStreams(`at most ${perClient} revocation streams per client`)
    if (open.size >= max) throw new TemporarilyUnavailable('too many revocation streams are open')

    openPerClient.set(client.id, ofClient + 1)
    const response = reply.hijack().raw
    const ownDeletion = clientEndedNotice(client.id)
    let ended = false
    const end = () => {
      if (ended) return
      ended = true
      unsubscribe()
      clearInterval(beating)
      open.delete(end)
      const left = (openPerClient.get(client.id) ?? 1) - 1
      if (left === 0) openPerClient.delete(client.id)
      else openPerClient.set(client.id, left)
      if (response.destroyed) return
      response.end()
      request.raw.socket?.setTimeout(app.server.timeout)
    }
    const send = (text: string) => {
      if (ended) return
      response.write(text)
      if (response.writableLength <= MAX_BUFFERED_BYTES) return
      response.destroy()
      end()
    }

    open.add(end)
    response.on('close', end)
    // Heartbeats tell the reader the stream is alive, and keep idle proxies from closing it.
    request.raw.socket.setTimeout(0)
    const beating = setInterval(() => send(': heartbeat\n\n'), heartbeat * 1000)
    const unsubscribe = notices.subscribe({
      onNotice (notice) {
        // Notices are jtis and client ids; anything with a line break in it could forge an event.
        if (/[\r\n]/.test(notice)) return
        send(event(REVOCATION_EVENT, notice))
        if (notice === ownDeletion) end()
      },
      onGap: end
    })
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no'
    })
    const ready: RevocationStreamReady = { heartbeat }
    send(event(REVOCATION_STREAM_READY, JSON.stringify(ready)))
  })
}
