// `pnpm dev`: the whole of Keyhold in one process, no servers to install; Ctrl-C stops it.
import { fileURLToPath } from 'node:url'
import closeWithGrace from 'close-with-grace'
import { banner } from './banner.js'
import { start } from './start.js'

const env = process.env
const dataDir = env.DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url))
const port = (name: string, fallback: number) => env[name] ? Number(env[name]) : fallback

let running
try {
  running = await start({
    dataDir,
    ports: { auth: port('AUTH_PORT', 4000), resource: port('RESOURCE_PORT', 4001), demo: port('DEMO_PORT', 4002), logbook: port('LOGBOOK_PORT', 4003) },
    env
  })
} catch (error) {
  console.error(`keyhold dev: could not start: ${(error as Error).message}`)
  process.exit(1)
}

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) console.error(err)
  await running.close()
})
console.log(banner(running, dataDir, env))
