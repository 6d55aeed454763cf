// Reads a revocation stream as a resource server would: a real connection, each event as it arrives.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import type { Test } from 'tap'

export interface StreamEvent { event: string, data: string }

export interface OpenStream {
  status: number
  headers: IncomingMessage['headers']
  /** The body, for a refused stream. */
  body (): Promise<string>
  /** The next event (comments included, as event `comment`), or undefined once the stream has ended. */
  next (): Promise<StreamEvent | undefined>
  /** The next event that is not a comment. */
  nextEvent (): Promise<StreamEvent | undefined>
  close (): void
}

export function openStream (t: Test, url: string, headers: Record<string, string>, body = ''): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${url}/revocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/event-stream', ...headers }
    }, (response) => {
      response.setEncoding('utf8')
      const events: Array<StreamEvent | undefined> = []
      const waiting: Array<(event: StreamEvent | undefined) => void> = []
      let pending = ''
      const push = (event: StreamEvent | undefined) => {
        const waiter = waiting.shift()
        if (waiter) waiter(event)
        else events.push(event)
      }
      response.on('data', (chunk: string) => {
        pending += chunk
        for (let end = pending.indexOf('\n\n'); end >= 0; end = pending.indexOf('\n\n')) {
          const block = pending.slice(0, end)
          pending = pending.slice(end + 2)
          if (block.startsWith(':')) { push({ event: 'comment', data: block.slice(1).trim() }); continue }
          const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]))
          push({ event: fields.event ?? 'message', data: fields.data ?? '' })
        }
      })
      response.on('close', () => push(undefined))
      const next = () => new Promise<StreamEvent | undefined>((resolve) => {
        if (events.length > 0) resolve(events.shift())
        else waiting.push(resolve)
      })
      const stream: OpenStream = {
        status: response.statusCode!,
        headers: response.headers,
        // A refused stream's JSON body has no blank line in it: it stays whole in `pending`.
        body: () => new Promise((resolve) => {
          if (response.readableEnded) resolve(pending)
          else response.on('end', () => resolve(pending))
        }),
        next,
        async nextEvent () {
          for (let event = await next(); ; event = await next()) if (event?.event !== 'comment') return event
        },
        close: () => outgoing.destroy()
      }
      t.teardown(stream.close)
      resolve(stream)
    })
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}
