// A recording proxy between the demo and the real identity service (the demo's AUTH_INTERNAL_URL): every server-to-server
// request and answer is kept, so tests can prove what the demo sent; a test may answer in the identity service's
// place, change its answer, or drop the connection, to see what the demo makes of it.
import Fastify from 'fastify'
import type { Test } from 'tap'

export interface Answer {
  status: number
  /** The JSON body; undefined for an empty one. */
  json: unknown
}

export interface Exchange {
  method: string
  path: string
  /** The form body's fields. */
  form: Record<string, string>
  authorization: string | undefined
  answer: Answer | 'dropped'
}

/** Answers one request: `forward()` asks the identity service. 'drop' closes the connection without an answer. */
export type Handler = (request: { form: Record<string, string> }, forward: () => Promise<Answer>) => Promise<Answer | 'drop'>

export interface BackChannel {
  url: string
  exchanges: Exchange[]
  /** The form bodies sent to `path`. */
  sent (path: string): Array<Record<string, string> & { authorization: string }>
  /** Handles requests to `path` from now on; `handle(path)` alone restores plain forwarding. */
  handle (path: string, handler?: Handler): void
}

const KEPT_HEADERS = ['cache-control', 'pragma', 'www-authenticate']

export async function startBackChannel (t: Test, upstream: string): Promise<BackChannel> {
  const app = Fastify()
  t.teardown(() => app.close())
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => { done(null, body) })
  const handlers = new Map<string, Handler>()
  const channel: BackChannel = {
    url: '',
    exchanges: [],
    sent: (path) => channel.exchanges.filter((e) => e.path === path).map((e) => ({ ...e.form, authorization: e.authorization ?? '' })),
    handle (path, handler) {
      if (handler) handlers.set(path, handler)
      else handlers.delete(path)
    }
  }

  app.all('/*', async (request, reply) => {
    const body = typeof request.body === 'string' ? request.body : undefined
    const path = request.url.split('?')[0]!
    const headers: Record<string, string> = {}
    for (const name of ['authorization', 'content-type', 'accept']) {
      const value = request.headers[name]
      if (typeof value === 'string') headers[name] = value
    }
    const passed: Record<string, string> = {}
    const forward = async (): Promise<Answer> => {
      const response = await fetch(`${upstream}${request.url}`, { method: request.method, headers, body, redirect: 'manual' })
      for (const name of KEPT_HEADERS) {
        const value = response.headers.get(name)
        if (value !== null) passed[name] = value
      }
      const text = await response.text()
      return { status: response.status, json: text === '' ? undefined : JSON.parse(text) }
    }
    const form = Object.fromEntries(new URLSearchParams(body ?? ''))
    const answer = await (handlers.get(path) ?? ((_request, forward) => forward()))({ form }, forward)
    channel.exchanges.push({ method: request.method, path, form, authorization: headers.authorization, answer: answer === 'drop' ? 'dropped' : answer })
    if (answer === 'drop') {
      request.raw.socket.destroy()
      return reply.hijack()
    }
    reply.headers(passed).code(answer.status)
    return answer.json === undefined ? reply.send('') : reply.type('application/json').send(JSON.stringify(answer.json))
  })

  channel.url = await app.listen({ host: '127.0.0.1', port: 0 })
  return channel
}
