// What every benchmark server shares: its port from the environment, and a clean exit on SIGTERM
// (so that `--cpu-prof` gets to write its profile).
import type { Server } from 'node:http'

export const port = Number(process.env.PORT)

export function closeOnSignal (close: () => Promise<unknown>): void {
  let closing = false
  const stop = (): void => {
    if (closing) return
    closing = true
    close().then(() => process.exit(0), (error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

/** Tells the benchmark the server is accepting connections. */
export function ready (): void {
  process.send?.({ ready: true })
}

export function closeServer (server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}
