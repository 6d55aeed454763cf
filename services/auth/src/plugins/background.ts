// app.background: work a request starts but does not wait for (sending mail), tracked so that its failures are
// logged, tests can wait for it, and closing the app lets it finish.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export interface Background {
  /** Starts `task` now, off the caller's path: the caller never waits for it, and its failure is logged as `what`. */
  run (what: string, task: () => Promise<void>): void
  /**
   * Resolves once every task started so far (and any they started) has ended, however it ended: true; false when
   * `withinMs` passed first.
   */
  settled (withinMs?: number): Promise<boolean>
  /**
   * For the app's close: waits for the tasks under way, at most CLOSE_WAIT_MS from the first call, however many
   * plugins ask (the mailer before closing its connections, this plugin last).
   */
  closing (): Promise<boolean>
}

declare module 'fastify' {
  interface FastifyInstance {
    background: Background
  }
}


/** How long closing the app waits for tasks under way: a mail server that hangs must not hold a shutdown. */
const CLOSE_WAIT_MS = 5000

export function backgroundTasks (log: FastifyInstance['log']): Background {
  const pending = new Set<Promise<void>>()
  let closeBy: number | undefined
  return {
    run (what, task) {
      const running: Promise<void> = Promise.resolve()
        .then(task)
        // Only what failed, never the error object whole: a task's error may carry what it was handed.
        .catch((error: unknown) => { log.warn({ task: what, error: describeError(error) }, 'a background task failed') })
        .finally(() => { pending.delete(running) })
      pending.add(running)
    },
    async settled (withinMs) {
      const all = (async () => { while (pending.size > 0) await Promise.all([...pending]) })()
      if (withinMs === undefined) return all.then(() => true)
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), withinMs) })
      return Promise.race([all.then(() => true), late]).finally(() => clearTimeout(timer))
    },
    closing () {
      closeBy ??= Date.now() + CLOSE_WAIT_MS
      return this.settled(Math.max(0, closeBy - Date.now()))
    }
  }
}

/** The name, code and message of an error, without its other properties (which may hold what was being sent). */
export function describeError (error: unknown): { name: string, code?: string, message: string } {
  if (!(error instanceof Error)) return { name: 'unknown', message: String(error).slice(0, 200) }
  const { code } = error as { code?: unknown }
  return { name: error.name, ...(typeof code === 'string' && { code }), message: error.message.slice(0, 500) }
}

export default fp(async (app: FastifyInstance) => {
  const background = backgroundTasks(app.log.child({ component: 'background' }))
  app.decorate('background', background)
  app.addHook('onClose', async () => { await background.closing() })
}, { name: 'background' })
