// Hears revocations on the identity service's event stream (POST /revocations), for a resource server that cannot
// reach its Redis. The stream is opened with the plugin's client credentials and opened again whenever it ends,
// fails or falls silent; notices announced in between are not replayed, so every reconnection counts as a gap.
import { setTimeout as sleep } from 'node:timers/promises'
import { REVOCATION_EVENT, REVOCATION_STREAM_READY, type RevocationStreamReady } from '@keyhold/contracts'
import type { IdentityClient } from '../identity-client.js'
import type { FeedListener, RevocationFeed } from './feed.js'

export interface EventStreamOptions {
  /** Longest wait between two attempts to reconnect, in milliseconds. */
  maxReconnectDelayMs?: number
}

// Until the stream says how often it beats, a silence this long means it is gone.
const FIRST_EVENT_WITHIN_MS = 30_000
// An event larger than this is not one the identity service sends.
const MAX_EVENT_LENGTH = 16 * 1024

const EVENT_END = /\r?\n\r?\n/

interface ServerSentEvent { event: string, data: string }

function parseEvent (block: string): ServerSentEvent | undefined {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
  }
  return data.length === 0 ? undefined : { event, data: data.join('\n') }
}

export function listenToEventStream (identity: IdentityClient, listener: FeedListener, opts: EventStreamOptions = {}): RevocationFeed {
  const maxDelay = opts.maxReconnectDelayMs ?? 5000
  const closing = new AbortController()
  let live = false

  async function readStream (connection: AbortController): Promise<void> {
    const response = await identity.revocationEvents(connection.signal)
    if (response.statusCode !== 200) {
      await response.body.dump()
      throw new Error(`the identity service answered ${response.statusCode}`)
    }
    let silence: NodeJS.Timeout | undefined
    const expectWithin = (ms: number) => {
      clearTimeout(silence)
      silence = setTimeout(() => connection.abort(new Error('the revocation stream fell silent')), ms)
    }
    let idleLimit = FIRST_EVENT_WITHIN_MS
    expectWithin(idleLimit)
    let pending = ''
    try {
      response.body.setEncoding('utf8')
      for await (const chunk of response.body as AsyncIterable<string>) {
        expectWithin(idleLimit)
        pending += chunk
        for (let end = EVENT_END.exec(pending); end !== null; end = EVENT_END.exec(pending)) {
          const event = parseEvent(pending.slice(0, end.index))
          pending = pending.slice(end.index + end[0].length)
          if (event?.event === REVOCATION_EVENT && live) listener.onNotice(event.data)
          if (event?.event === REVOCATION_STREAM_READY) {
            const { heartbeat } = JSON.parse(event.data) as Partial<RevocationStreamReady>
            if (typeof heartbeat !== 'number' || !(heartbeat >= 1)) throw new Error('the revocation stream named no heartbeat')
            idleLimit = heartbeat * 2000 + 1000
            expectWithin(idleLimit)
            listener.onGap()
            live = true
            listener.log.info('revocation stream live')
          }
        }
        if (pending.length > MAX_EVENT_LENGTH) throw new Error('the revocation stream sent an oversized event')
      }
    } finally {
      clearTimeout(silence)
    }
  }

  const running = (async () => {
    for (let attempt = 0; !closing.signal.aborted; attempt++) {
      const connection = new AbortController()
      const stop = () => connection.abort()
      closing.signal.addEventListener('abort', stop)
      try {
        await readStream(connection)
      } catch (error) {
        if (!closing.signal.aborted) listener.log.warn({ err: error }, 'revocation stream error')
      } finally {
        closing.signal.removeEventListener('abort', stop)
      }
      if (live && !closing.signal.aborted) {
        listener.log.warn('revocation stream lost; cached token answers are not used until it is back')
        attempt = 0
      }
      live = false
      await sleep(Math.min(250 * 2 ** attempt, maxDelay), undefined, { signal: closing.signal }).catch(() => {})
    }
  })()

  return {
    get live () { return live },
    async close () {
      closing.abort()
      await running
    }
  }
}
