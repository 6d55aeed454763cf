// A client's endpoint on a loopback port: records each request it receives, and answers as the test tells it to.
import { once } from 'node:events'
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { TLSSocket } from 'node:tls'
import type { Test } from 'tap'

export interface Received {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** The TLS server name the client asked for (SNI), over https. */
  servername?: string | false | null
}

/** Answers the `n`-th request (1 for the first); it may also never answer. */
export type Respond = (res: ServerResponse, n: number, req: IncomingMessage) => void

export const answer = (status: number, headers: Record<string, string> = {}): Respond => (res) => {
  res.writeHead(status, headers).end()
}

export interface ReceiverOptions {
  host?: string
  /** A certificate and its key: the receiver speaks https. */
  tls?: { cert: string, key: string }
}

export interface Receiver {
  url: string
  received: Received[]
}

export async function receiver (t: Test, respond: Respond = answer(200), { host = '127.0.0.1', tls }: ReceiverOptions = {}): Promise<Receiver> {
  const received: Received[] = []
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const servername = tls ? (req.socket as TLSSocket).servername : undefined
    received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), ...(tls && { servername }) })
    respond(res, received.length, req)
  }
  const server = tls ? createHttpsServer(tls, handle) : createHttpServer(handle)
  server.listen(0, host)
  await once(server, 'listening')
  t.teardown(() => {
    server.closeAllConnections()
    server.close()
  })
  const { port } = server.address() as { port: number }
  return { url: `${tls ? 'https' : 'http'}://${host}:${port}`, received }
}
