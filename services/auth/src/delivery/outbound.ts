// POSTs a delivery to a URL a client supplied: only to the address checkTarget allowed, never following a redirect,
// within one time limit for everything, and reading no more of the answer than a few KiB.
import type { LookupFunction } from 'node:net'
import type { Readable } from 'node:stream'
import { Client } from 'undici'
import type { DeliveryJob } from '../storage/types.js'
import { checkTarget, type ResolvedAddress, type Resolve, type TargetPolicy } from './target.js'

export type DeliveryOutcome =
  | { outcome: 'delivered', status: number }
  /** Worth trying again: the receiver failed or could not be reached. */
  | { outcome: 'failed', error: string }
  /** Never worth trying again: the URL is one no delivery may go to. */
  | { outcome: 'refused', error: string }

export interface PosterOptions extends TargetPolicy {
  /** For the whole delivery: resolving, connecting, sending, the answer's headers and what is read of its body. */
  timeoutMs: number
  resolve?: Resolve | undefined
  /** Certificates to trust besides the system's, for receivers on a private PKI. */
  ca?: string | undefined
}

/** Delivers `job`; `stop` abandons it (the service is shutting down). */
export type Poster = (job: Pick<DeliveryJob, 'url' | 'contentType' | 'body'>, stop?: AbortSignal) => Promise<DeliveryOutcome>

/** What is read of an answer before the connection is dropped: the body means nothing to us, and may be endless. */
export const MAX_RESPONSE_BYTES = 4096
const USER_AGENT = 'Keyhold-Delivery/1'

const failed = (error: string): DeliveryOutcome => ({ outcome: 'failed', error })

export function outboundPoster (opts: PosterOptions): Poster {
  return async (job, stop) => {
    const deadline = AbortSignal.timeout(opts.timeoutMs)
    const signal = stop ? AbortSignal.any([stop, deadline]) : deadline
    const why = (error: unknown) => deadline.aborted ? `timed out after ${opts.timeoutMs} ms` : describe(error)

    let target
    try {
      target = await untilAborted(checkTarget(job.url, opts, opts.resolve), signal)
    } catch (error) {
      return failed(why(error))
    }
    if (!target.allowed) return { outcome: 'refused', error: target.reason }

    // A client of its own per delivery: its one connection goes to the checked address, and ends with the delivery.
    // The URL keeps the host name, so the Host header, TLS SNI and the certificate check all use it.
    const client = new Client(target.url.origin, {
      connect: { lookup: pinnedLookup(target.address), timeout: opts.timeoutMs, ...(opts.ca !== undefined && { ca: opts.ca }) },
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs
    })
    try {
      const { statusCode, body } = await client.request({
        method: 'POST',
        path: `${target.url.pathname}${target.url.search}`,
        headers: { 'content-type': job.contentType, 'user-agent': USER_AGENT },
        body: job.body,
        signal
      })
      await discard(body)
      if (statusCode >= 200 && statusCode < 300) return { outcome: 'delivered', status: statusCode }
      // undici follows no redirect unless told to: a 3xx is the receiver's answer, and a failure.
      return failed(statusCode >= 300 && statusCode < 400 ? `HTTP ${statusCode}, a redirect (not followed)` : `HTTP ${statusCode}`)
    } catch (error) {
      return failed(why(error))
    } finally {
      await client.destroy()
    }
  }
}

/** A lookup that answers the address already checked, whatever it is asked: the socket never resolves the host itself. */
export function pinnedLookup ({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }
}

/** Reads at most MAX_RESPONSE_BYTES of the body, then drops the rest; its errors change nothing. */
async function discard (body: Readable): Promise<void> {
  let read = 0
  try {
    for await (const chunk of body) {
      read += (chunk as Buffer).length
      if (read >= MAX_RESPONSE_BYTES) break
    }
  } catch {}
}

/** `work`, or the abort's reason if `signal` fires first (a DNS lookup cannot itself be aborted). */
export function untilAborted<T> (work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/** A short cause for the dead letters and logs: an error code where there is one, never anything the receiver sent. */
export function describe (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message
}
