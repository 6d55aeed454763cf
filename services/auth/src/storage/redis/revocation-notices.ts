// Hears the revocation channel on a connection of its own (a subscribed connection can do nothing else) and hands
// each notice to the listeners of this instance. While the subscription is down, notices may be missed: listeners
// are told, and the feed is not live until it is back.
import type { FastifyBaseLogger } from 'fastify'
import type { Redis } from 'ioredis'
import type { RevocationListener, RevocationNotices } from '../types.js'

export async function redisRevocationNotices (
  subscriber: Redis, channel: string, log: FastifyBaseLogger
): Promise<RevocationNotices & { close (): Promise<void> }> {
  const listeners = new Set<RevocationListener>()
  let live = false
  subscriber.on('message', (from: string, notice: string) => {
    if (from !== channel) return
    for (const listener of listeners) listener.onNotice(notice)
  })
  subscriber.on('close', () => {
    if (!live) return
    live = false
    log.warn('revocation channel lost; revocation streams are ended until it is back')
    for (const listener of listeners) listener.onGap()
  })
  // ioredis subscribes again by itself on reconnection, before it reports ready.
  subscriber.on('ready', () => { live = true })
  try {
    await subscriber.connect()
    await subscriber.subscribe(channel)
  } catch (error) {
    subscriber.disconnect()
    throw error
  }
  live = true

  return {
    get live () { return live },
    subscribe (listener) {
      // A wrapper per subscription, so that one listener subscribed twice needs two unsubscriptions.
      const entry: RevocationListener = { onNotice: (notice) => listener.onNotice(notice), onGap: () => listener.onGap() }
      listeners.add(entry)
      return () => { listeners.delete(entry) }
    },
    async close () {
      live = false
      await subscriber.quit().catch(() => subscriber.disconnect())
    }
  }
}
