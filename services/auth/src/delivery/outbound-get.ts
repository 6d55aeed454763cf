// GETs a small JSON document from a URL a client supplied (its key set): under the same rules as deliveries, only to
// the address checkTarget allowed, never following a redirect, within one time limit, and reading a bounded body.
import { Client } from 'undici'
import { checkTarget, type Resolve, type TargetPolicy } from './target.js'
import { describe, pinnedLookup, untilAborted } from './outbound.js'

export interface GetterOptions extends TargetPolicy {
  /** For the whole request: resolving, connecting, the answer's headers and its body. */
  timeoutMs: number
  /** A body longer than this is refused. */
  maxBytes: number
  resolve?: Resolve | undefined
  /** Certificates to trust besides the system's, for servers on a private PKI. */
  ca?: string | undefined
}

/** The parsed document, or why there is none (never anything the server sent). */
export type Fetched = { ok: true, document: unknown } | { ok: false, error: string }

export type JsonGetter = (url: string) => Promise<Fetched>

const USER_AGENT = 'Keyhold/1'

export function outboundJsonGetter (opts: GetterOptions): JsonGetter {
  return async (url) => {
    const deadline = AbortSignal.timeout(opts.timeoutMs)
    const failed = (error: unknown): Fetched => ({ ok: false, error: deadline.aborted ? `timed out after ${opts.timeoutMs} ms` : describe(error) })
    let target
    try {
      target = await untilAborted(checkTarget(url, opts, opts.resolve), deadline)
    } catch (error) {
      return failed(error)
    }
    if (!target.allowed) return { ok: false, error: target.reason }

    const client = new Client(target.url.origin, {
      connect: { lookup: pinnedLookup(target.address), timeout: opts.timeoutMs, ...(opts.ca !== undefined && { ca: opts.ca }) },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs
    })
    try {
      const { statusCode, body } = await client.request({
        method: 'GET',
        path: `${target.url.pathname}${target.url.search}`,
        headers: { accept: 'application/json, application/jwk-set+json', 'user-agent': USER_AGENT },
        signal: deadline
      })
      if (statusCode !== 200) {
        body.resume()
        return { ok: false, error: `HTTP ${statusCode}` }
      }
      const chunks: Buffer[] = []
      let read = 0
      for await (const chunk of body) {
        read += (chunk as Buffer).length
        if (read > opts.maxBytes) return { ok: false, error: `larger than ${opts.maxBytes} bytes` }
        chunks.push(chunk as Buffer)
      }
      try {
        return { ok: true, document: JSON.parse(Buffer.concat(chunks).toString('utf8')) }
      } catch {
        return { ok: false, error: 'not JSON' }
      }
    } catch (error) {
      return failed(error)
    } finally {
      await client.destroy()
    }
  }
}
