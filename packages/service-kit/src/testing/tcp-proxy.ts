// A TCP proxy in front of a real server, so a test can cut the connection and restore it.
import { once } from 'node:events'
import { connect, createServer, type Server, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** Drops every open connection and refuses new ones. */
  cut (): Promise<void>
  restore (): Promise<void>
  close (): Promise<void>
}

export async function startTcpProxy (target: { host: string, port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)) }
  let server: Server | undefined
  let port = 0

  const listen = async () => {
    server = createServer((client) => {
      const upstream = connect(target)
      track(client)
      track(upstream)
      client.on('error', () => upstream.destroy())
      upstream.on('error', () => client.destroy())
      client.pipe(upstream).pipe(client)
    }).listen(port, '127.0.0.1')
    await once(server, 'listening')
    port = (server.address() as { port: number }).port
  }
  const shut = async () => {
    const closed = server ? new Promise((resolve) => server!.close(resolve)) : Promise.resolve()
    for (const socket of sockets) socket.destroy()
    await closed
    server = undefined
  }

  await listen()
  return { port, cut: shut, restore: listen, close: shut }
}
