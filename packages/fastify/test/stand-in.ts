// A server standing in for the identity service: its discovery document and keys are the real service's, and
// introspection is answered by the test, which sees each request as it came.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'
import type { Identity } from './helper.js'

export interface Received { url: string | undefined, headers: IncomingMessage['headers'], body: string }

export async function identityStandIn (
  t: Test, identity: Identity, introspect: (request: Received) => { status: number, body: unknown }
): Promise<{ url: string, received: Received[] }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => { body += chunk })
    request.on('end', () => {
      const seen = { url: request.url, headers: request.headers, body }
      received.push(seen)
      if (request.url === '/introspect') {
        const answer = introspect(seen)
        return response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
      }
      // Discovery and keys come from the real service; their endpoints name its issuer, reached here by `url`.
      identity.app.inject({ method: 'GET', url: request.url! }).then((real) => {
        response.writeHead(real.statusCode, { 'content-type': 'application/json' }).end(real.body)
      }, () => response.writeHead(500).end())
    })
  })
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}
