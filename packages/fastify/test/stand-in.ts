// A server standing in for the identity service: its discovery document and keys are the real service's, unless
// the test serves its own, and introspection is answered by the test (or, without an answer, by the real service);
// the test sees each request as it came.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Test } from 'tap'
import type { Identity } from './helper.js'

export interface Received { url: string | undefined, headers: IncomingMessage['headers'], body: string }

export async function identityStandIn (
  t: Test,
  identity: Identity,
  introspect?: (request: Received) => { status: number, body: unknown },
  served: Record<string, unknown> = {}
): Promise<{ url: string, received: Received[] }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => { body += chunk })
    request.on('end', () => {
      const seen = { url: request.url, headers: request.headers, body }
      received.push(seen)
      if (served[request.url!] !== undefined) {
        return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served[request.url!]))
      }
      if (request.url === '/introspect' && introspect !== undefined) {
        const answer = introspect(seen)
        return response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body))
      }
      // Discovery and keys come from the real service; their endpoints name its issuer, reached here by `url`.
      const { authorization, 'content-type': contentType } = request.headers
      const headers = { ...(authorization !== undefined && { authorization }), ...(contentType !== undefined && { 'content-type': contentType }) }
      identity.app.inject({ method: request.method as 'GET' | 'POST', url: request.url!, payload: body, headers }).then((real) => {
        response.writeHead(real.statusCode, { 'content-type': 'application/json' }).end(real.body)
      }, () => response.writeHead(500).end())
    })
  })
  t.teardown(() => new Promise((resolve) => server.close(resolve)))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}
