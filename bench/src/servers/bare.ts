// Ceiling: a bare Fastify JSON route, the most any Fastify service on this core can answer.
import Fastify from 'fastify'
import { closeOnSignal, port, ready } from './serve.js'

const app = Fastify({ logger: false })
app.get('/json', async () => ({ hello: 'world' }))

await app.listen({ host: '127.0.0.1', port })
closeOnSignal(() => app.close())
ready()
