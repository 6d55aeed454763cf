// app.mailer: where the service's mail goes.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { outbox, type Mailer } from './mailer.js'

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
  }
}

export default fp(async (app: FastifyInstance) => {
  app.decorate('mailer', outbox())
}, { name: 'mailer' })
