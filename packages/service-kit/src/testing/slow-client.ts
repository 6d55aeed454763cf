// Raw sockets that misbehave as slow or idle clients do, to prove a listener's time limits over a real connection.
import { connect } from 'node:net'

export interface Closed {
  /** Milliseconds from the first byte sent until the server closed the connection; undefined when it had not within the wait. */
  closedAfterMs: number | undefined
  /** Everything the server sent. */
  received: string
}

/** Sends `chunks` one after another over a new connection to `url`, then waits up to `withinMs` for the server to close it. */
export function sendAndWaitForClose (url: string, chunks: string[], withinMs: number): Promise<Closed> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) })
    const started = performance.now()
    let received = ''
    const timer = setTimeout(() => { socket.destroy(); resolve({ closedAfterMs: undefined, received }) }, withinMs)
    socket.setEncoding('utf8')
    socket.on('data', (data: string) => { received += data })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') { clearTimeout(timer); reject(error) }
    })
    socket.on('close', () => { clearTimeout(timer); resolve({ closedAfterMs: performance.now() - started, received }) })
    socket.on('connect', () => { for (const chunk of chunks) socket.write(chunk) })
  })
}

const host = (url: string) => new URL(url).host

/** A POST that announces a 100-byte body and sends 11 of it. */
export const halfSentBody = (url: string, path: string, withinMs: number): Promise<Closed> => sendAndWaitForClose(url, [
  `POST ${path} HTTP/1.1\r\nHost: ${host(url)}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n`,
  'grant_type='
], withinMs)

/** A request whose headers never end. */
export const unfinishedHeaders = (url: string, path: string, withinMs: number): Promise<Closed> => sendAndWaitForClose(url, [
  `GET ${path} HTTP/1.1\r\nHost: ${host(url)}\r\nX-Slow: `
], withinMs)

/** One complete keep-alive GET, answered, then silence. */
export const idleAfterRequest = (url: string, path: string, withinMs: number): Promise<Closed> => sendAndWaitForClose(url, [
  `GET ${path} HTTP/1.1\r\nHost: ${host(url)}\r\nConnection: keep-alive\r\n\r\n`
], withinMs)

/** Limits short enough for a test to see them hold in a second or two. */
export const SHORT_TIMEOUTS_ENV = { REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '500', KEEP_ALIVE_TIMEOUT_MS: '500' }
/** How long a test waits for a connection under SHORT_TIMEOUTS_ENV to be closed: the limit, a check interval and slack. */
export const SHORT_TIMEOUT_BOUND_MS = 3000

/** The assertions of a test framework's test object that the shared suite below uses (tap's `t` fits). */
export interface ListenerLimitsAssertions {
  ok (value: unknown, message: string): unknown
  match (found: string, pattern: RegExp, message: string): unknown
}

export interface ListenerLimitsTest {
  test (name: string, fn: (t: ListenerLimitsAssertions) => Promise<void>): unknown
}

/**
 * Proves over real sockets that a listener started with SHORT_TIMEOUTS_ENV cuts a half-sent body to `bodyPath`
 * (answering `expectBodyStatus` first, when given), unfinished headers, and an idle keep-alive connection.
 */
export function listenerLimitsSuite (
  t: ListenerLimitsTest, url: string, { bodyPath, idlePath = '/health', expectBodyStatus }: { bodyPath: string, idlePath?: string, expectBodyStatus?: number }
): void {
  t.test(`a POST ${bodyPath} that announced 100 bytes and sent 11 is closed after the request limit`, async (t) => {
    const { closedAfterMs, received } = await halfSentBody(url, bodyPath, SHORT_TIMEOUT_BOUND_MS)
    t.ok(closedAfterMs !== undefined && closedAfterMs >= 900, `closed after the request limit (${closedAfterMs} ms)`)
    if (expectBodyStatus !== undefined) t.match(received, new RegExp(`^HTTP/1\\.1 ${expectBodyStatus} `), `answered ${expectBodyStatus} first`)
  })

  t.test('headers that never end are cut', async (t) => {
    const { closedAfterMs } = await unfinishedHeaders(url, idlePath, SHORT_TIMEOUT_BOUND_MS)
    t.ok(closedAfterMs !== undefined, 'closed within the bound')
  })

  t.test('an idle keep-alive connection is closed after its answer', async (t) => {
    const { closedAfterMs, received } = await idleAfterRequest(url, idlePath, SHORT_TIMEOUT_BOUND_MS)
    t.match(received, /^HTTP\/1\.1 200 /, 'the request itself was answered')
    t.ok(closedAfterMs !== undefined, 'closed within the bound')
  })
}
