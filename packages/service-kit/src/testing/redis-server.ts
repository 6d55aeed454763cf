// A throwaway redis-server on a port of its own, which a test can stop and start again.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { freePort } from './free-port.js'

export interface OwnRedis {
  url: string
  stop (): Promise<void>
  start (): Promise<void>
}

export async function startOwnRedis (): Promise<OwnRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start () {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] })
      let output = ''
      child.stdout!.on('data', (chunk) => { output += String(chunk) })
      while (!output.includes('Ready to accept connections')) {
        if (child.exitCode !== null) throw new Error(`redis-server exited:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async stop () {
      if (!child || child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
    }
  }
  await own.start()
  return own
}
