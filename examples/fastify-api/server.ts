// A Fastify API of its own whose routes need access tokens from a Keyhold identity service.
import Fastify from 'fastify'
import keyhold from '@keyhold/fastify'

const app = Fastify({ logger: true })

await app.register(keyhold, {
  issuer: process.env.KEYHOLD_ISSUER ?? 'http://127.0.0.1:4000',
  audience: 'https://notes.example',
  credentials: { clientId: process.env.NOTES_CLIENT_ID ?? '', clientSecret: process.env.NOTES_CLIENT_SECRET ?? '' }
})

app.get('/notes', { onRequest: app.keyhold.authenticate('notes:read') }, async (request) => ({
  owner: request.token.sub,
  scopes: [...request.token.scopes],
  // Set when another service acts for the owner (RFC 8693 token exchange).
  actingService: request.token.act?.client_id
}))

app.get('/ready', async (_request, reply) => reply.code(await app.keyhold.reachable() ? 200 : 503).send())

await app.listen({ host: '127.0.0.1', port: 4010 })
